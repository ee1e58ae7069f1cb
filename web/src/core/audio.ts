let shared: AudioContext | undefined;

/**
 * One AudioContext for the whole page (browsers limit how many may exist). Create it from a click handler or
 * later: before a user gesture, browsers start it suspended; `resume()` is called on every use.
 */
export function audioContext(): AudioContext {
  if (!shared || shared.state === 'closed') {
    shared = new AudioContext();
  }
  if (shared.state === 'suspended') {
    void shared.resume().catch(() => undefined);
  }
  return shared;
}

/**
 * Call from a click handler before anything that measures or plays sound happens later (after a permission prompt or
 * a network round trip): Safari only lets an AudioContext run when it was started during a user gesture.
 */
export function unlockAudio(): void {
  audioContext();
}

/** True when audio can be sent to a chosen output device (Chrome, Edge, recent Firefox and Safari). */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/**
 * Sends a media element's sound to the chosen speaker (`undefined`: the system's default); ignored where the browser
 * cannot choose.
 */
export async function applySpeaker(element: HTMLMediaElement, speakerId: string | undefined): Promise<void> {
  if (!canChooseSpeaker() || element.sinkId === (speakerId ?? '')) {
    return;
  }
  try {
    await element.setSinkId(speakerId ?? '');
  } catch {
    // The device went away or the browser refused: the sound stays on the default speaker.
  }
}

/**
 * Plays a calm test tone (440 Hz, 1 second, soft start and end) on the chosen speaker.
 * Resolves when the tone has finished.
 */
export async function playTestTone(speakerId?: string): Promise<void> {
  const context = audioContext();
  const oscillator = context.createOscillator();
  oscillator.type = 'sine';
  oscillator.frequency.value = 440;
  const gain = context.createGain();
  const start = context.currentTime + 0.05;
  const seconds = 1;
  gain.gain.setValueAtTime(0, start);
  gain.gain.linearRampToValueAtTime(0.3, start + 0.05);
  gain.gain.setValueAtTime(0.3, start + seconds - 0.1);
  gain.gain.linearRampToValueAtTime(0, start + seconds);
  oscillator.connect(gain);

  // With a chosen speaker the tone goes through an <audio> element, which can pick its output device.
  let element: HTMLAudioElement | undefined;
  if (speakerId !== undefined && canChooseSpeaker()) {
    const destination = context.createMediaStreamDestination();
    gain.connect(destination);
    element = new Audio();
    element.srcObject = destination.stream;
    await applySpeaker(element, speakerId);
    await element.play().catch(() => undefined);
  } else {
    gain.connect(context.destination);
  }

  await new Promise<void>((resolve) => {
    oscillator.onended = () => resolve();
    oscillator.start(start);
    oscillator.stop(start + seconds);
  });
  oscillator.disconnect();
  gain.disconnect();
  if (element) {
    element.pause();
    element.srcObject = null;
  }
}
