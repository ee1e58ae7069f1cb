import { parsePortRange, splitRtpPortRange, type PortRange } from '../media/janus-config.js';

/** How many calls the configured port ranges carry, and the limit the gateway therefore applies. */
export interface CallCapacity {
  /** SIP_MAX_CALLS as configured. */
  configured: number;
  /** Calls SIP_RTP_PORTS carries: two sockets a call (caller side, Janus side), each on an even port. */
  gateway: number;
  /** Phone legs the embedded Janus carries (two ports each in its plain-RTP share); undefined for external Janus. */
  janus: number | undefined;
  /** What the gateway admits at once: the smallest of the three. */
  effective: number;
}

/** Even ports in a range: RTP sockets are bound on even ports, odd ones stay free for RTCP. */
const evenPorts = (range: PortRange) => Math.floor((range.max - (range.min + (range.min % 2))) / 2) + 1;

/**
 * Checks SIP_MAX_CALLS against the ports (docs/operations.md). A call beyond the ports would be answered and
 * then fail after the caller typed meeting ID and PIN ("technical problem"); capped, it gets 503 at once and
 * the trunk plays its busy tone. `janusRtpPortRange` is RTP_PORT_RANGE of the embedded Janus (its plain-RTP
 * share is a twentieth, janus-config.ts); undefined when Janus runs elsewhere and its ports are not known.
 */
export function callCapacity(
  maxCalls: number,
  sipRtpPorts: PortRange,
  janusRtpPortRange: string | undefined,
): CallCapacity {
  const gateway = Math.floor(evenPorts(sipRtpPorts) / 2);
  const janus =
    janusRtpPortRange === undefined
      ? undefined
      : Math.floor(countPorts(parsePortRange(splitRtpPortRange(janusRtpPortRange).plainRtp)) / 2);
  return { configured: maxCalls, gateway, janus, effective: Math.min(maxCalls, gateway, janus ?? Infinity) };
}

const countPorts = (range: PortRange) => range.max - range.min + 1;

/** The start-up warning when SIP_MAX_CALLS promises more than the ports carry; undefined when it fits. */
export function capacityWarning(capacity: CallCapacity): string | undefined {
  if (capacity.effective >= capacity.configured) {
    return undefined;
  }
  const janus =
    capacity.janus === undefined ? '' : `, the phone share of RTP_PORT_RANGE ${capacity.janus} legs`;
  return (
    `SIP_MAX_CALLS=${capacity.configured} is more than the ports carry (SIP_RTP_PORTS ${capacity.gateway} ` +
    `calls${janus}): at most ${capacity.effective} calls at once, more get 503. Widen the port ranges or ` +
    'lower SIP_MAX_CALLS (docs/operations.md).'
  );
}

/** Whether two port ranges share a port. */
export function rangesOverlap(a: PortRange, b: PortRange): boolean {
  return a.min <= b.max && b.min <= a.max;
}
