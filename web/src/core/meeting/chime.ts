import { audioContext } from '../audio';

/**
 * A soft two-note chime (WebAudio, no sound file): someone is waiting to be let in. Quiet, short, gentle start and
 * end, so it does not startle. Failing to play is silent: the banner and the announcement carry the news as well.
 */
export function playChime(): void {
  try {
    const context = audioContext();
    const gain = context.createGain();
    gain.connect(context.destination);
    const start = context.currentTime + 0.05;
    const notes = [
      { frequency: 660, at: 0 },
      { frequency: 880, at: 0.22 },
    ];
    gain.gain.setValueAtTime(0, start);
    for (const note of notes) {
      const oscillator = context.createOscillator();
      oscillator.type = 'sine';
      oscillator.frequency.value = note.frequency;
      oscillator.connect(gain);
      oscillator.start(start + note.at);
      oscillator.stop(start + note.at + 0.35);
      oscillator.onended = () => oscillator.disconnect();
    }
    gain.gain.linearRampToValueAtTime(0.12, start + 0.04);
    gain.gain.setValueAtTime(0.12, start + 0.45);
    gain.gain.linearRampToValueAtTime(0, start + 0.6);
    setTimeout(() => gain.disconnect(), 1000);
  } catch {
    // No sound available: the visible banner remains.
  }
}
