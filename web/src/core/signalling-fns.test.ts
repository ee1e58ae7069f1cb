import { describe, expect, it } from 'vitest';
import { parseServerMessage, signallingUrl } from './signalling-fns';

describe('signallingUrl', () => {
  it('uses wss on https and ws on http, same host and port', () => {
    expect(signallingUrl({ protocol: 'https:', host: 'treffpunkt.example.org' })).toBe(
      'wss://treffpunkt.example.org/api/signal',
    );
    expect(signallingUrl({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe(
      'ws://127.0.0.1:5173/api/signal',
    );
  });
});

describe('parseServerMessage', () => {
  it('accepts valid server messages', () => {
    const answer = { type: 'echo.answer', id: 'c1', answer: { type: 'answer', sdp: 'v=0' } };
    expect(parseServerMessage(JSON.stringify(answer))).toEqual(answer);
    expect(parseServerMessage('{"type":"echo.ended","reason":"server_shutdown"}')).toEqual({
      type: 'echo.ended',
      reason: 'server_shutdown',
    });
  });

  it.each([
    ['not JSON', 'nope'],
    ['an unknown type', '{"type":"surprise"}'],
    ['an unknown error code', '{"type":"error","error":"teapot","message":"x"}'],
    ['an unknown end reason', '{"type":"echo.ended","reason":"bored"}'],
    ['binary data', new ArrayBuffer(4)],
    ['null', 'null'],
  ])('drops %s', (_label, data) => {
    expect(parseServerMessage(data)).toBeUndefined();
  });
});
