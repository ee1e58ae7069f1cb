import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SipConfig } from '../config/config.js';
import type { Logger } from '../lib/logger.js';
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
 * `bridgeHost` is the address Janus reaches the relay sockets on (127.0.0.1 for the embedded Janus).
 */
export async function startTelephony(
  config: SipConfig,
  deps: { rooms: DialInRooms; logger: Logger; bridgeHost?: string },
): Promise<SipGateway> {
  const prompts = await PromptLibrary.load(config.promptsDir ?? defaultPromptsDir());
  const transport = await bindUdpTransport(config.host, config.port);
  const gateway = new SipGateway({
    transport,
    publicAddress: config.publicAddress,
    rtpPorts: new RtpPortRange(config.host, config.rtpPorts.min, config.rtpPorts.max),
    bridgeHost: deps.bridgeHost ?? '127.0.0.1',
    trunk: parseAddressRules(config.trunkAddresses) ?? [],
    auth: config.auth ? { ...config.auth, realm: 'treffpunkt' } : undefined,
    maxCalls: config.maxCalls,
    rooms: deps.rooms,
    prompts,
    logger: deps.logger,
  });
  deps.logger.info({ port: transport.address.port }, 'SIP gateway listening (UDP)');
  return gateway;
}
