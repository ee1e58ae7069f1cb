/**
 * The room media layer (issue #5): what the room service uses to drive Janus for a live meeting. Browsers
 * never see anything from here but SDP; ids, secrets and handles stay on the server.
 */
export {
  AudioBridgeRoom,
  type AudioBridgeRoomEvents,
  type AudioBridgeRoomOptions,
  type AudioParticipant,
} from './audio-bridge-room.js';
export { AudioLeg } from './audio-leg.js';
export type { RoomNode } from './media-leg.js';
export type * from './room-types.js';
export { Publisher } from './video-publisher.js';
export { VideoRoom, type VideoRoomEvents, type VideoRoomOptions } from './video-room.js';
export { Subscriber, type FeedRef } from './video-subscriber.js';
