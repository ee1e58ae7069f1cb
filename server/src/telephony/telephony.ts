import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SipConfig } from '../config/config.js';
import type { Logger } from '../lib/logger.js';
import { callCapacity, capacityWarning } from './capacity-fns.js';
import type { DialInRooms } from './dial-in-port.js';
import { parseAddressRules } from './net-fns.js';
import { PromptLibrary } from './prompt-catalog.js';
import { RtpPortRange } from './rtp-ports.js';
import { SipGateway } from './sip-gateway.js';
import { bindUdpTransport } from './sip-transport.js';

/** Where `npm run build` puts the prompts: dist/telephony/prompts beside this file's compiled form. */
export const defaultPromptsDir = (): string =>
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'prompts');

/**
 * Starts the SIP gateway (SIP_ENABLED=true). The composition root passes the DialInRooms implementation;
 * `bridgeHost` is the address Janus reaches the relay sockets on (127.0.0.1 for the embedded Janus);
 * `janusRtpPortRange` is the embedded Janus's RTP_PORT_RANGE, to check SIP_MAX_CALLS against its ports.
 */
export async function startTelephony(
  config: SipConfig,
  deps: { rooms: DialInRooms; logger: Logger; bridgeHost?: string; janusRtpPortRange?: string | undefined },
): Promise<SipGateway> {
  // Warn and cap rather than refuse to start: the web meetings must not go down over a phone setting, and a
  // capped call gets a busy signal instead of failing after the caller typed meeting ID and PIN.
  const capacity = callCapacity(config.maxCalls, config.rtpPorts, deps.janusRtpPortRange);
  const warning = capacityWarning(capacity);
  if (warning) {
    deps.logger.warn({ capacity }, warning);
  }
  const prompts = await PromptLibrary.load(config.promptsDir ?? defaultPromptsDir());
  const transport = await bindUdpTransport(config.host, config.port);
  const gateway = new SipGateway({
    transport,
    publicAddress: config.publicAddress,
    rtpPorts: new RtpPortRange(config.host, config.rtpPorts.min, config.rtpPorts.max),
    bridgeHost: deps.bridgeHost ?? '127.0.0.1',
    trunk: parseAddressRules(config.trunkAddresses) ?? [],
    auth: config.auth ? { ...config.auth, realm: 'treffpunkt' } : undefined,
    maxCalls: capacity.effective,
    registration: config.register,
    rooms: deps.rooms,
    prompts,
    logger: deps.logger,
  });
  deps.logger.info({ port: transport.address.port }, 'SIP gateway listening (UDP)');
  return gateway;
}
