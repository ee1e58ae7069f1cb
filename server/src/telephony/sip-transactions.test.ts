import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildResponse } from './sip-build-fns.js';
import type { SipRequest, SipSource } from './sip-message.js';
import { ServerTransactions } from './sip-transactions.js';

const source: SipSource = { address: '198.51.100.7', port: 5060 };

function request(method: string, branch = 'z9hG4bK1'): SipRequest {
  return {
    kind: 'request',
    method,
    uri: 'sip:dialin@192.0.2.1',
    headers: [
      { name: 'Via', value: `SIP/2.0/UDP 198.51.100.7;branch=${branch}` },
      { name: 'From', value: '<sip:a@h>;tag=1' },
      { name: 'To', value: '<sip:b@h>' },
      { name: 'Call-ID', value: 'c1' },
      { name: 'CSeq', value: `1 ${method}` },
    ],
    body: Buffer.alloc(0),
  };
}

const statusOf = (datagram: Buffer): string => datagram.toString().split('\r\n')[0] ?? '';

describe('server transactions', () => {
  let sent: Buffer[];
  let layer: ServerTransactions;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    layer = new ServerTransactions((datagram) => sent.push(datagram), { t1: 500, t2: 4000, t4: 5000 });
  });
  afterEach(() => {
    layer.close();
    vi.useRealTimers();
  });

  it('retransmits a final error (Timer G) until the ACK, which it absorbs', () => {
    const received = layer.receive(request('INVITE'), source);
    expect(received.kind).toBe('new');
    const tx = received.kind === 'new' ? received.transaction : undefined;
    tx!.respond(buildResponse(tx!.request, 486, { toTag: 't' }));
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(500 + 1000 + 2000);
    expect(sent.map(statusOf)).toEqual(Array(4).fill('SIP/2.0 486 Busy Here'));
    expect(layer.receive(request('ACK'), source)).toEqual({ kind: 'absorbed' });
    expect(tx!.state).toBe('confirmed');
    vi.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(4);
    expect(layer.size).toBe(0); // Timer I
  });

  it('gives up after Timer H without an ACK', () => {
    const received = layer.receive(request('INVITE'), source);
    const tx = received.kind === 'new' ? received.transaction : undefined;
    const noAck = vi.fn();
    tx!.onNoAck = noAck;
    tx!.respond(buildResponse(tx!.request, 404, { toTag: 't' }));
    vi.advanceTimersByTime(64 * 500);
    expect(noAck).toHaveBeenCalledOnce();
    expect(layer.size).toBe(0);
    // T2 caps the interval: 500, 1000, 2000, 4000, 4000 … within 32 s.
    expect(sent.length).toBeGreaterThan(7);
  });

  it('retransmits 2xx until the dialog reports the ACK', () => {
    const received = layer.receive(request('INVITE'), source);
    const tx = received.kind === 'new' ? received.transaction : undefined;
    tx!.respond(buildResponse(tx!.request, 200, { toTag: 't' }));
    vi.advanceTimersByTime(1500);
    expect(sent).toHaveLength(3);
    // The 2xx ACK has its own branch: the layer hands it to the dialog.
    expect(layer.receive(request('ACK', 'z9hG4bKack'), source)).toEqual({ kind: 'ack' });
    tx!.acknowledged();
    vi.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(3);
  });

  it('answers a retransmitted request with the last response and absorbs it', () => {
    const first = layer.receive(request('INVITE'), source);
    const tx = first.kind === 'new' ? first.transaction : undefined;
    tx!.respond(buildResponse(tx!.request, 100));
    expect(layer.receive(request('INVITE'), source)).toEqual({ kind: 'absorbed' });
    expect(sent.map(statusOf)).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 100 Trying']);
  });

  it('keeps a non-INVITE final response for Timer J, then forgets the transaction', () => {
    const first = layer.receive(request('OPTIONS'), source);
    const tx = first.kind === 'new' ? first.transaction : undefined;
    tx!.respond(buildResponse(tx!.request, 200, { toTag: 't' }));
    expect(layer.receive(request('OPTIONS'), source)).toEqual({ kind: 'absorbed' });
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(64 * 500);
    expect(layer.size).toBe(0);
    expect(layer.receive(request('OPTIONS'), source).kind).toBe('new');
  });

  it('finds the INVITE a CANCEL refers to', () => {
    const first = layer.receive(request('INVITE'), source);
    const cancel = request('CANCEL');
    expect(layer.receive(cancel, source).kind).toBe('new');
    expect(layer.inviteFor(cancel)).toBe(first.kind === 'new' ? first.transaction : undefined);
  });
});
