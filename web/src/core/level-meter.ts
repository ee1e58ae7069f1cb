import { audioContext } from './audio';
import { rms, rmsToLevel } from './local-media-fns';
import { Store } from './store';

export interface LevelState {
  /** 0 (silence) to 100 (very loud), on a decibel scale. */
  level: number;
}

/** How often the level is read: at most 10 times a second, so the meter stays calm and cheap. */
const intervalMs = 100;

interface Running {
  source: MediaStreamAudioSourceNode;
  analyser: AnalyserNode;
  samples: Float32Array<ArrayBuffer>;
  timer: ReturnType<typeof setInterval>;
}

/**
 * Measures the loudness of an audio track with a WebAudio AnalyserNode. It measures only while someone subscribes
 * (so creating one has no side effects), and its state only changes when the level moves.
 */
export class LevelMeter extends Store<LevelState> {
  private running: Running | undefined;

  constructor(private readonly track: MediaStreamTrack) {
    super({ level: 0 });
  }

  protected override onObserved(): void {
    if (this.running || this.track.readyState === 'ended') {
      return;
    }
    const context = audioContext();
    const source = context.createMediaStreamSource(new MediaStream([this.track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      const level = rmsToLevel(rms(samples));
      if (level !== this.getSnapshot().level) {
        this.setState({ level });
      }
    }, intervalMs);
    this.running = { source, analyser, samples, timer };
  }

  protected override onUnobserved(): void {
    const running = this.running;
    if (!running) {
      return;
    }
    this.running = undefined;
    clearInterval(running.timer);
    running.source.disconnect();
    running.analyser.disconnect();
  }
}
