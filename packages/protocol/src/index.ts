export * from './envelope.js';
export * from './echo.js';
export * from './messages.js';
export * from './room.js';
export * from './audit.js';
export * from './chat.js';
export * from './polls.js';
