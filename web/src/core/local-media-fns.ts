/**
 * Why the camera or microphone could not be used, in the words the page explains:
 * - `denied`: the person or the browser (or the operating system) said no.
 * - `notFound`: no camera or no microphone is connected.
 * - `inUse`: the device exists but could not be started, usually because another program holds it.
 * - `unsupported`: this browser (or an insecure http:// address) offers no camera access at all.
 * - `other`: anything else.
 */
export type MediaErrorKind = 'denied' | 'notFound' | 'inUse' | 'unsupported' | 'other';

/** Maps a `getUserMedia` rejection to a {@link MediaErrorKind}. Old Chrome names are included. */
export function classifyMediaError(error: unknown): MediaErrorKind {
  const name = errorName(error);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'notFound';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'inUse';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'other';
  }
}

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') {
    return error.name;
  }
  return '';
}

/** A device as `enumerateDevices()` reports it (only the fields we read). */
export interface DeviceInfo {
  kind: string;
  deviceId: string;
  label: string;
  groupId?: string;
}

export interface DeviceOption {
  id: string;
  label: string;
}

export interface DeviceLists {
  cameras: DeviceOption[];
  microphones: DeviceOption[];
  speakers: DeviceOption[];
}

/**
 * Sorts devices into cameras, microphones and speakers. Labels are empty before permission; the page then shows a
 * numbered name. Windows' "communications" pseudo-entry is dropped; Chrome's "default" entry stays, because a track
 * opened without a device choice reports it as its device.
 */
export function groupDevices(devices: readonly DeviceInfo[]): DeviceLists {
  const pick = (kind: string): DeviceOption[] =>
    devices
      .filter(
        (device) => device.kind === kind && device.deviceId !== '' && device.deviceId !== 'communications',
      )
      .map((device) => ({ id: device.deviceId, label: device.label.trim() }));
  return { cameras: pick('videoinput'), microphones: pick('audioinput'), speakers: pick('audiooutput') };
}

/** Which kinds of device the system reports at all (works before permission: ids are empty, kinds are not). */
export function availableKinds(devices: readonly DeviceInfo[]): { camera: boolean; microphone: boolean } {
  return {
    camera: devices.some((device) => device.kind === 'videoinput'),
    microphone: devices.some((device) => device.kind === 'audioinput'),
  };
}

/**
 * Turns the RMS of an audio block (samples in -1…1) into a level from 0 to 100 on a decibel scale:
 * -60 dBFS and quieter is 0, 0 dBFS is 100. A decibel scale matches how loud speech sounds.
 */
export function rmsToLevel(rms: number): number {
  if (!(rms > 0)) {
    return 0;
  }
  const decibels = 20 * Math.log10(rms);
  const floor = -60;
  const level = ((decibels - floor) / -floor) * 100;
  return Math.round(Math.min(100, Math.max(0, level)));
}

/** Root mean square of a block of samples. */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) {
    return 0;
  }
  let sum = 0;
  for (let index = 0; index < samples.length; index += 1) {
    const sample = samples[index] ?? 0;
    sum += sample * sample;
  }
  return Math.sqrt(sum / samples.length);
}
