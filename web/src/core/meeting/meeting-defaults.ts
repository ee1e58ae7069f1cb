import type { LocalIntent, MeetingState, RoomCredential } from './meeting-types';
import { initialRoomModel } from './room-state-fns';

/** Camera off and microphone muted until the person chooses otherwise (privacy first). */
export const initialLocal: LocalIntent = {
  micMuted: true,
  cameraOn: false,
  screenSharing: false,
  handRaised: false,
  audioOnly: false,
  pushToTalk: false,
};

export function initialMeetingState(credential: RoomCredential | undefined): MeetingState {
  return {
    ...initialRoomModel(),
    local: initialLocal,
    displayName: '',
    credential,
    remoteAudio: undefined,
    remoteVideos: {},
    localCamera: undefined,
    localScreen: undefined,
    legs: { audio: 'off', camera: 'off', screen: 'off', subscriber: 'off' },
    quality: 'unknown',
    deviceProblem: undefined,
    announcement: undefined,
    speaker: undefined,
  };
}
