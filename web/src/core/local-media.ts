import {
  availableKinds,
  classifyMediaError,
  groupDevices,
  type DeviceLists,
  type MediaErrorKind,
} from './local-media-fns';
import { Store } from './store';

export type LocalMediaStatus = 'idle' | 'requesting' | 'ready' | 'error';

export interface LocalMediaState {
  status: LocalMediaStatus;
  /** Why the last request failed (status `error`). */
  error: MediaErrorKind | undefined;
  /** After a `notFound` error: which kinds of device the system reports at all. */
  found: { camera: boolean; microphone: boolean } | undefined;
  /** Whether a device switch failed; the previous device is kept. */
  switchError: MediaErrorKind | undefined;
  /** True when only the microphone was requested. */
  audioOnly: boolean;
  /** The current camera and microphone; a new object whenever a track changes. */
  stream: MediaStream | undefined;
  devices: DeviceLists;
  cameraId: string | undefined;
  microphoneId: string | undefined;
  /** `undefined` means the system's default output. */
  speakerId: string | undefined;
}

const noDevices: DeviceLists = { cameras: [], microphones: [], speakers: [] };

const initialState: LocalMediaState = {
  status: 'idle',
  error: undefined,
  found: undefined,
  switchError: undefined,
  audioOnly: false,
  stream: undefined,
  devices: noDevices,
  cameraId: undefined,
  microphoneId: undefined,
  speakerId: undefined,
};

const audioConstraints: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};
const videoConstraints: MediaTrackConstraints = {
  facingMode: { ideal: 'user' },
  // 960×540: the smallest size at which Chromium sends all three simulcast layers (it allows two at 640×360),
  // so a large tile gets 960×540 while a small one still gets 240×135.
  width: { ideal: 960 },
  height: { ideal: 540 },
  frameRate: { ideal: 24 },
};

/**
 * The person's camera and microphone: asks for them, explains failures as a {@link MediaErrorKind}, lists devices
 * and switches between them. `stop()` releases the devices (the camera light goes off) and can be followed by a new
 * `start()`.
 */
export class LocalMedia extends Store<LocalMediaState> {
  /** Bumped by every start/stop so a late answer from an old request is thrown away. */
  private generation = 0;
  private listening = false;

  constructor(private readonly mediaDevices: MediaDevices | undefined = defaultMediaDevices()) {
    super(initialState);
  }

  /** Asks for camera and microphone (or only the microphone). */
  async start(options: { audioOnly?: boolean } = {}): Promise<void> {
    const audioOnly = options.audioOnly ?? false;
    const generation = this.release();
    const devices = this.mediaDevices;
    if (!devices || typeof devices.getUserMedia !== 'function') {
      this.setState({ ...initialState, status: 'error', error: 'unsupported', audioOnly });
      return;
    }
    this.setState({
      ...initialState,
      status: 'requesting',
      audioOnly,
      speakerId: this.getSnapshot().speakerId,
    });
    try {
      const stream = await devices.getUserMedia({
        audio: audioConstraints,
        video: audioOnly ? false : videoConstraints,
      });
      if (generation !== this.generation) {
        stopTracks(stream);
        return;
      }
      this.listenForDeviceChanges();
      this.setState({ status: 'ready', stream: new MediaStream(stream.getTracks()), ...selectedIds(stream) });
      await this.refreshDevices();
    } catch (error) {
      if (generation !== this.generation) {
        return;
      }
      const kind = classifyMediaError(error);
      const found = kind === 'notFound' ? await this.foundKinds() : undefined;
      this.setState({ status: 'error', error: kind, found });
    }
  }

  /** Switches to another camera; the old one is released first (some systems open only one camera at a time). */
  async selectCamera(deviceId: string): Promise<void> {
    await this.switchTrack('video', deviceId);
  }

  async selectMicrophone(deviceId: string): Promise<void> {
    await this.switchTrack('audio', deviceId);
  }

  /** Remembers the chosen speaker; media elements and the test tone read it from the state. */
  selectSpeaker(deviceId: string | undefined): void {
    this.setState({ speakerId: deviceId === '' ? undefined : deviceId });
  }

  /** Releases camera and microphone. Safe to call at any time, also repeatedly. */
  stop(): void {
    this.release();
    this.setState({ ...initialState, speakerId: this.getSnapshot().speakerId });
  }

  private release(): number {
    this.generation += 1;
    const { stream } = this.getSnapshot();
    if (stream) {
      stopTracks(stream);
    }
    if (this.listening && this.mediaDevices) {
      this.mediaDevices.removeEventListener('devicechange', this.onDeviceChange);
      this.listening = false;
    }
    return this.generation;
  }

  private async switchTrack(kind: 'audio' | 'video', deviceId: string): Promise<void> {
    const { stream, status } = this.getSnapshot();
    const devices = this.mediaDevices;
    if (status !== 'ready' || !stream || !devices) {
      return;
    }
    const generation = this.generation;
    const old = kind === 'video' ? stream.getVideoTracks() : stream.getAudioTracks();
    const previousId = old[0]?.getSettings().deviceId;
    for (const track of old) {
      track.stop();
    }
    const request = async (id: string | undefined) => {
      const base = kind === 'video' ? videoConstraints : audioConstraints;
      const constraints = { ...base, ...(id ? { deviceId: { exact: id } } : {}) };
      return devices.getUserMedia(kind === 'video' ? { video: constraints } : { audio: constraints });
    };
    let fresh: MediaStream;
    let switchError: MediaErrorKind | undefined;
    try {
      fresh = await request(deviceId);
    } catch (error) {
      switchError = classifyMediaError(error);
      try {
        fresh = await request(previousId);
      } catch {
        fresh = new MediaStream();
      }
    }
    if (generation !== this.generation) {
      stopTracks(fresh);
      return;
    }
    const current = this.getSnapshot().stream ?? stream;
    const kept = current.getTracks().filter((track) => track.kind !== kind);
    const next = new MediaStream([...kept, ...fresh.getTracks()]);
    this.setState({ stream: next, switchError, ...selectedIds(next) });
  }

  private readonly onDeviceChange = (): void => {
    void this.refreshDevices();
  };

  private listenForDeviceChanges(): void {
    if (!this.listening && this.mediaDevices) {
      this.mediaDevices.addEventListener('devicechange', this.onDeviceChange);
      this.listening = true;
    }
  }

  private async refreshDevices(): Promise<void> {
    const generation = this.generation;
    try {
      const list = (await this.mediaDevices?.enumerateDevices()) ?? [];
      if (generation === this.generation) {
        this.setState({ devices: groupDevices(list) });
      }
    } catch {
      // Without a device list the page simply offers no choice.
    }
  }

  private async foundKinds(): Promise<{ camera: boolean; microphone: boolean } | undefined> {
    try {
      return availableKinds((await this.mediaDevices?.enumerateDevices()) ?? []);
    } catch {
      return undefined;
    }
  }
}

function selectedIds(stream: MediaStream): {
  cameraId: string | undefined;
  microphoneId: string | undefined;
} {
  return {
    cameraId: stream.getVideoTracks()[0]?.getSettings().deviceId,
    microphoneId: stream.getAudioTracks()[0]?.getSettings().deviceId,
  };
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) {
    track.stop();
  }
}

/** `navigator.mediaDevices` is missing on insecure (http://) pages, although the DOM types say otherwise. */
function defaultMediaDevices(): MediaDevices | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
}
