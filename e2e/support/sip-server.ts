import { freeUdpPort } from '../../server/src/telephony/test/baresip-phone.js';
import type { ApiSession, TestHost } from './api-session.js';
import { startOwnServer } from './own-server.js';
import type { ServerProcess } from './server-process.js';

/** The built server with its SIP gateway on loopback, a host logged in over the API: dial-in tests and bench. */
export interface SipServer {
  server: ServerProcess;
  /** Where the mail catcher writes what the server sends. */
  mailDir: string;
  /** UDP port of the gateway on 127.0.0.1 (trunk address: calls from loopback need no password). */
  sipPort: number;
  host: TestHost;
  /** The host's API session. */
  session: ApiSession;
  /** Stops the server and the mail catcher and deletes the work folder. */
  close(): Promise<void>;
}

export interface SipServerOptions {
  /** Prefix of the temporary work folder. */
  name: string;
  /** Janus's RTP_PORT_RANGE and the gateway's SIP_RTP_PORTS (must not overlap), plus any other variables. */
  env: { RTP_PORT_RANGE: string; SIP_RTP_PORTS: string } & Record<string, string>;
  host: { organisation: string; host: string; email: string };
}

/**
 * A server of its own (data folder, Janus, SMTP catcher) with SIP_ENABLED on a free loopback port, one dial-in
 * number in the instance settings (invitations carry the personal PIN only then) and a host account.
 */
export async function startSipServer(options: SipServerOptions): Promise<SipServer> {
  const sipPort = await freeUdpPort();
  const { RTP_PORT_RANGE, ...env } = options.env;
  const own = await startOwnServer({
    workPrefix: options.name,
    rtpPorts: RTP_PORT_RANGE,
    organisation: options.host.organisation,
    host: options.host.host,
    email: options.host.email,
    env: {
      SIP_ENABLED: 'true',
      SIP_HOST: '127.0.0.1',
      SIP_PORT: String(sipPort),
      SIP_TRUNK_ADDRESSES: '127.0.0.1',
      ...env,
    },
    prepare: async (admin) => {
      await admin.request('PUT', '/api/admin/settings', {
        dialInNumbers: [{ label: 'Berlin', number: '+49 30 1234567' }],
      });
    },
  });
  return {
    server: own.server,
    mailDir: own.mailDir,
    sipPort,
    host: own.host,
    session: own.session,
    close: () => own.close(),
  };
}
