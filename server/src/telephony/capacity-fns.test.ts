import { describe, expect, it } from 'vitest';
import { callCapacity, capacityWarning, rangesOverlap } from './capacity-fns.js';

describe('calls the port ranges carry', () => {
  it('fits with the defaults: 100 calls, 250 by SIP_RTP_PORTS, 500 by the default RTP_PORT_RANGE', () => {
    const capacity = callCapacity(100, { min: 41000, max: 41999 }, '20000-40000');
    expect(capacity).toEqual({ configured: 100, gateway: 250, janus: 500, effective: 100 });
    expect(capacityWarning(capacity)).toBeUndefined();
  });

  it('caps SIP_MAX_CALLS at the smaller port range and says so', () => {
    // 2,000 Janus ports: a plain-RTP share of 100, 50 legs (measured: bench/dial-in.ts stopped at 50).
    const byJanus = callCapacity(100, { min: 41000, max: 41999 }, '20000-21999');
    expect(byJanus).toMatchObject({ janus: 50, effective: 50 });
    expect(capacityWarning(byJanus)).toMatch(
      /SIP_MAX_CALLS=100 .*RTP_PORT_RANGE 50 legs\).*at most 50 calls/,
    );
    const byGateway = callCapacity(1000, { min: 48001, max: 48100 }, '20000-40000');
    expect(byGateway).toMatchObject({ gateway: 25, effective: 25 });
    // External Janus: its ports are not known here.
    expect(callCapacity(1000, { min: 40000, max: 49999 }, undefined)).toMatchObject({
      janus: undefined,
      effective: 1000,
    });
  });

  it('finds overlapping ranges', () => {
    expect(rangesOverlap({ min: 20000, max: 40000 }, { min: 41000, max: 41999 })).toBe(false);
    expect(rangesOverlap({ min: 20000, max: 41000 }, { min: 41000, max: 41999 })).toBe(true);
    expect(rangesOverlap({ min: 41500, max: 41600 }, { min: 41000, max: 41999 })).toBe(true);
  });
});
