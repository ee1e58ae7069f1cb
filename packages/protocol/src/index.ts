export * from './envelope.js';
export * from './echo.js';
export * from './messages.js';
