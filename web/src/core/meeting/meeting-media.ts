import { LocalMedia } from '../local-media';

/**
 * The person's camera and microphone in a meeting: {@link LocalMedia} (permission, device lists and switching, as on
 * the pre-join screen) plus turning the camera off and on again. Off means the camera's track is stopped, so the
 * camera light goes out; the chosen camera is remembered.
 */
export class MeetingMedia extends LocalMedia {
  get microphone(): MediaStreamTrack | undefined {
    return this.live(this.getSnapshot().stream?.getAudioTracks()[0]);
  }

  get camera(): MediaStreamTrack | undefined {
    return this.live(this.getSnapshot().stream?.getVideoTracks()[0]);
  }

  /** Stops the camera; the microphone keeps running. */
  stopCamera(): void {
    const { stream } = this.getSnapshot();
    const video = stream?.getVideoTracks() ?? [];
    if (!stream || video.length === 0) {
      return;
    }
    for (const track of video) {
      track.stop();
    }
    this.setState({ stream: new MediaStream(stream.getAudioTracks()) });
  }

  /** Starts the camera chosen before (or the default one). Resolves with its track, or `undefined` if it failed. */
  async startCamera(): Promise<MediaStreamTrack | undefined> {
    if (this.camera) {
      return this.camera;
    }
    if (this.getSnapshot().status !== 'ready') {
      return undefined;
    }
    await this.selectCamera(this.getSnapshot().cameraId ?? '');
    return this.camera;
  }

  private live(track: MediaStreamTrack | undefined): MediaStreamTrack | undefined {
    return track?.readyState === 'live' ? track : undefined;
  }
}
