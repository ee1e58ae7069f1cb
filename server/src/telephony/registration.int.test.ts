import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PromptLibrary } from './prompt-catalog.js';
import { RtpPortRange } from './rtp-ports.js';
import { SipGateway } from './sip-gateway.js';
import { bindUdpTransport } from './sip-transport.js';
import { BaresipPhone, until } from './test/baresip-phone.js';
import { FakeDialInRooms } from './test/fake-dial-in-rooms.js';
import { buildTestPrompts } from './test/test-prompts.js';
import { startKamailio } from './test/kamailio.js';

/** The account the "provider" (kamailio) knows; its realm is the account's domain. */
const account = { user: '4930777', password: 'provider-secret-1', realm: '127.0.0.1' };

let prompts: PromptLibrary;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  prompts = await buildTestPrompts();
}, 60_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

/** A gateway with no trunk addresses and no caller authentication: only the registrar's calls get in. */
async function registeringGateway(registrarPort: number, password: string) {
  const transport = await bindUdpTransport('127.0.0.1', 0);
  const gateway = new SipGateway({
    transport,
    publicAddress: '127.0.0.1',
    rtpPorts: new RtpPortRange('127.0.0.1', 42000, 42999),
    bridgeHost: '127.0.0.1',
    trunk: [],
    auth: undefined,
    maxCalls: 10,
    rooms: new FakeDialInRooms('1234567890', '4711'),
    prompts,
    logger: pino({ level: 'silent' }),
    registration: {
      registrar: { host: '127.0.0.1', port: registrarPort },
      user: account.user,
      domain: account.realm,
      authUser: account.user,
      password,
      expires: 120,
    },
  });
  cleanups.push(() => gateway.close());
  return gateway;
}

describe('registering with a SIP provider (kamailio on loopback as the provider)', () => {
  it('registers with digest auth; a call to the number reaches the menu through the provider', async () => {
    const provider = await startKamailio(account);
    cleanups.push(() => provider.stop());
    const gateway = await registeringGateway(provider.port, account.password);
    await until(() => gateway.registrationState?.status === 'registered');

    // The phone knows only the provider's address; the provider finds us by our registration.
    const phone = await BaresipPhone.dial(`sip:${account.user}@127.0.0.1:${provider.port}`);
    cleanups.push(() => phone.quit());
    await phone.waitFor(/Call established/);
    await until(() => gateway.activeCalls === 1);
    await phone.quit();
    await until(() => gateway.activeCalls === 0);

    // Shutting down removes the registration: the provider no longer knows where to send calls.
    await gateway.close();
    const after = await BaresipPhone.dial(`sip:${account.user}@127.0.0.1:${provider.port}`);
    cleanups.push(() => after.quit());
    await after.waitFor(/404|Not Found/);
  });

  it('reports a wrong password and is not registered', async () => {
    const provider = await startKamailio(account);
    cleanups.push(() => provider.stop());
    const gateway = await registeringGateway(provider.port, 'not the password');
    await until(() => gateway.registrationState?.status === 'failing');
    const state = gateway.registrationState;
    expect(state?.status === 'failing' ? state.reason : '').toMatch(/^40[13] /);
    const phone = await BaresipPhone.dial(`sip:${account.user}@127.0.0.1:${provider.port}`);
    cleanups.push(() => phone.quit());
    await phone.waitFor(/404|Not Found/);
    expect(gateway.activeCalls).toBe(0);
  });

  it('answers a SHA-256 challenge too (RFC 8760)', async () => {
    const provider = await startKamailio({ ...account, algorithm: 'SHA-256' });
    cleanups.push(() => provider.stop());
    const gateway = await registeringGateway(provider.port, account.password);
    await until(() => gateway.registrationState?.status === 'registered');
  });
});
