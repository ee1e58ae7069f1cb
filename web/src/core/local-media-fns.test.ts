import { describe, expect, it } from 'vitest';
import { availableKinds, classifyMediaError, groupDevices, rms, rmsToLevel } from './local-media-fns';

const named = (name: string) => Object.assign(new Error('x'), { name });

describe('classifyMediaError', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['PermissionDeniedError', 'denied'],
    ['SecurityError', 'denied'],
    ['NotFoundError', 'notFound'],
    ['DevicesNotFoundError', 'notFound'],
    ['OverconstrainedError', 'notFound'],
    ['NotReadableError', 'inUse'],
    ['TrackStartError', 'inUse'],
    ['AbortError', 'inUse'],
    ['TypeError', 'unsupported'],
    ['SomethingElse', 'other'],
  ])('%s is %s', (name, kind) => {
    expect(classifyMediaError(named(name))).toBe(kind);
  });

  it('reads DOMException-like objects and survives odd values', () => {
    expect(classifyMediaError({ name: 'NotAllowedError', message: 'Permission denied' })).toBe('denied');
    expect(classifyMediaError(undefined)).toBe('other');
    expect(classifyMediaError('NotAllowedError')).toBe('other');
    expect(classifyMediaError({ name: 42 })).toBe('other');
  });
});

describe('groupDevices', () => {
  it('sorts by kind, keeps "default", drops "communications" and entries without id', () => {
    const lists = groupDevices([
      { kind: 'audioinput', deviceId: 'default', label: 'Standard – Headset' },
      { kind: 'audioinput', deviceId: 'communications', label: 'Kommunikation – Headset' },
      { kind: 'audioinput', deviceId: 'mic-1', label: ' Headset ' },
      { kind: 'videoinput', deviceId: 'cam-1', label: 'Integrierte Kamera' },
      { kind: 'audiooutput', deviceId: 'spk-1', label: '' },
      { kind: 'videoinput', deviceId: '', label: '' },
    ]);
    expect(lists).toEqual({
      cameras: [{ id: 'cam-1', label: 'Integrierte Kamera' }],
      microphones: [
        { id: 'default', label: 'Standard – Headset' },
        { id: 'mic-1', label: 'Headset' },
      ],
      speakers: [{ id: 'spk-1', label: '' }],
    });
  });
});

describe('availableKinds', () => {
  it('sees kinds even before permission (empty ids and labels)', () => {
    expect(availableKinds([{ kind: 'audioinput', deviceId: '', label: '' }])).toEqual({
      camera: false,
      microphone: true,
    });
    expect(availableKinds([])).toEqual({ camera: false, microphone: false });
  });
});

describe('levels', () => {
  it('computes the RMS of a block', () => {
    expect(rms([])).toBe(0);
    expect(rms([0.5, -0.5, 0.5, -0.5])).toBeCloseTo(0.5);
  });

  it('maps RMS to 0…100 on a decibel scale', () => {
    expect(rmsToLevel(0)).toBe(0);
    expect(rmsToLevel(Number.NaN)).toBe(0);
    expect(rmsToLevel(0.001)).toBe(0); // -60 dBFS
    expect(rmsToLevel(0.0316)).toBe(50); // about -30 dBFS
    expect(rmsToLevel(1)).toBe(100);
    expect(rmsToLevel(4)).toBe(100);
  });
});
