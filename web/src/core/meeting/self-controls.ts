import type { ClientMessage } from '@treffpunkt/protocol';
import type { MediaSession } from './media-session';
import type { MeetingMedia } from './meeting-media';
import type { LocalIntent, MeetingState } from './meeting-types';

export interface SelfControlsDeps {
  media: MeetingMedia;
  session: MediaSession;
  getState(): MeetingState;
  update(patch: Partial<MeetingState>): void;
  send(message: ClientMessage): void;
}

/**
 * The person's own controls: microphone (with push-to-talk), camera, screen sharing, hand, audio-only mode. Each
 * changes the local intent at once (the button reacts immediately), acts on the devices and connections, and tells
 * the server with `self.update`; the server's view of "you" confirms it.
 */
export class SelfControls {
  private screenTrack: MediaStreamTrack | undefined;

  constructor(private readonly deps: SelfControlsDeps) {}

  /** True while a host muted this person and people may not unmute themselves. */
  get unmuteBlocked(): boolean {
    const { you, settings } = this.deps.getState();
    return you?.mutedByHost === true && settings?.allowSelfUnmute === false;
  }

  /**
   * Before joining: asks for the microphone (and camera) if the pre-join screen did not, and switches the camera off
   * when the person joins without it. Without permission the person joins listening only.
   */
  async prepareDevices(): Promise<void> {
    const { media } = this.deps;
    const { local } = this.deps.getState();
    if (media.getSnapshot().status === 'idle') {
      await media.start({ audioOnly: !local.cameraOn });
    }
    if (!local.cameraOn) {
      media.stopCamera();
    }
    const camera = local.cameraOn ? media.camera : undefined;
    this.patchLocal(
      { cameraOn: camera !== undefined },
      { localCamera: camera ? new MediaStream([camera]) : undefined },
    );
    // The microphone is closed (or not) when the audio connection is set up: until then nothing is sent, and the
    // waiting room's level meter must show the real microphone ("does the bar move?"), not a muted track.
  }

  /** After admission (and after a reconnect): tell the server what differs from its view of this person. */
  syncWithServer(): void {
    const { you, local } = this.deps.getState();
    if (!you) {
      return;
    }
    const handRaised = local.handRaised || you.handRaisedAt !== null;
    // Muted on entry (or by a host) while people may not unmute themselves: the microphone stays closed.
    const micMuted = local.micMuted || this.unmuteBlocked;
    if (handRaised !== local.handRaised || micMuted !== local.micMuted) {
      this.patchLocal({ handRaised, micMuted });
      this.deps.session.applyMicrophone();
    }
    const update: Extract<ClientMessage, { type: 'self.update' }> = { type: 'self.update' };
    if (you.micMuted !== micMuted) {
      update.micMuted = micMuted;
    }
    if (you.cameraOn !== local.cameraOn) {
      update.cameraOn = local.cameraOn;
    }
    if ((you.handRaisedAt !== null) !== handRaised) {
      update.handRaised = handRaised;
    }
    if (local.audioOnly) {
      update.audioOnly = true;
    }
    if (Object.keys(update).length > 1) {
      this.deps.send(update);
    }
  }

  /** Mutes or unmutes. Returns false when unmuting is not allowed right now. */
  setMicMuted(micMuted: boolean): boolean {
    if (!micMuted && this.unmuteBlocked) {
      return false;
    }
    this.patchLocal({ micMuted, pushToTalk: false });
    this.deps.session.applyMicrophone();
    this.deps.send({ type: 'self.update', micMuted });
    return true;
  }

  toggleMic(): boolean {
    return this.setMicMuted(!this.deps.getState().local.micMuted);
  }

  /** Space held while muted opens the microphone until it is released. */
  pushToTalk(active: boolean): void {
    const { local } = this.deps.getState();
    if (!local.micMuted || local.pushToTalk === active || (active && this.unmuteBlocked)) {
      return;
    }
    this.patchLocal({ pushToTalk: active });
    this.deps.session.applyMicrophone();
    this.deps.send({ type: 'self.update', micMuted: !active });
  }

  /** A host muted this person: the microphone closes at once. */
  forceMute(): void {
    this.patchLocal({ micMuted: true, pushToTalk: false });
    this.deps.session.applyMicrophone();
  }

  /** Turns the camera on (and sends it) or off (stops it, so its light goes out). Resolves false when it failed. */
  async setCamera(on: boolean): Promise<boolean> {
    const { media, session } = this.deps;
    if (!on) {
      media.stopCamera();
      session.unpublish('camera');
      this.patchLocal({ cameraOn: false }, { localCamera: undefined });
      this.deps.send({ type: 'self.update', cameraOn: false });
      return true;
    }
    if (this.deps.getState().local.audioOnly) {
      return false;
    }
    this.patchLocal({ cameraOn: true }, { deviceProblem: undefined });
    const track = await media.startCamera();
    if (!track || !this.deps.getState().local.cameraOn) {
      this.patchLocal({ cameraOn: false }, { deviceProblem: track ? undefined : 'camera' });
      return false;
    }
    this.deps.update({ localCamera: new MediaStream([track]) });
    this.deps.send({ type: 'self.update', cameraOn: true });
    if (this.deps.getState().phase === 'in_room') {
      await session.publish('camera', () => media.camera);
    }
    return true;
  }

  /** Asks the browser which screen or window to share, then sends it. Resolves false when refused or failed. */
  async startScreenShare(): Promise<boolean> {
    const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (!devices || typeof devices.getDisplayMedia !== 'function' || this.deps.getState().local.audioOnly) {
      return false;
    }
    this.deps.update({ deviceProblem: undefined });
    let track: MediaStreamTrack | undefined;
    try {
      const stream = await devices.getDisplayMedia({
        video: { frameRate: { ideal: 8, max: 15 } },
        audio: false,
      });
      track = stream.getVideoTracks()[0];
    } catch {
      track = undefined; // The person cancelled the browser's choice, or it is not allowed.
    }
    if (!track) {
      return false;
    }
    track.contentHint = 'detail';
    track.addEventListener('ended', () => this.stopScreenShare());
    this.screenTrack = track;
    this.patchLocal({ screenSharing: true }, { localScreen: new MediaStream([track]) });
    const published = await this.deps.session.publish('screen', () => this.screenTrack);
    if (!published) {
      this.stopScreenShare();
      this.deps.update({ deviceProblem: 'screen' });
    }
    return published;
  }

  /** After the media server was rebuilt: a screen being shared goes out again on a new connection. */
  republishScreen(): void {
    if (this.screenTrack) {
      void this.deps.session.publish('screen', () => this.screenTrack);
    }
  }

  stopScreenShare(): void {
    if (!this.screenTrack) {
      return;
    }
    this.screenTrack.stop();
    this.screenTrack = undefined;
    this.deps.session.unpublish('screen');
    this.patchLocal({ screenSharing: false }, { localScreen: undefined });
  }

  setHand(handRaised: boolean): void {
    this.patchLocal({ handRaised });
    this.deps.send({ type: 'self.update', handRaised });
  }

  /** Audio-only: no video sent or received (camera and screen stop), for weak connections. */
  setAudioOnly(audioOnly: boolean): void {
    if (audioOnly) {
      void this.setCamera(false);
      this.stopScreenShare();
    }
    this.patchLocal({ audioOnly });
    this.deps.send({ type: 'self.update', audioOnly });
  }

  /** Leaving: stops a shared screen; camera and microphone are released by their owner. */
  release(): void {
    this.screenTrack?.stop();
    this.screenTrack = undefined;
    this.deps.update({ localCamera: undefined, localScreen: undefined });
  }

  private patchLocal(local: Partial<LocalIntent>, more: Partial<MeetingState> = {}): void {
    this.deps.update({ ...more, local: { ...this.deps.getState().local, ...local } });
  }
}
