import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.janus.mode).toBe('embedded');
    expect(config.smtpUrl).toBeUndefined();
    expect(config.cookieSecure).toBe(false);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(8080);
  });

  it('names each bad variable and what it expects', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', RTP_PORT_RANGE: '40000-20000' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('RTP_PORT_RANGE');
    }
  });

  it('requires the Janus API secret with external Janus nodes', () => {
    expect(() => loadConfig({ JANUS_URLS: 'ws://10.0.0.5:8188' })).toThrow(/JANUS_API_SECRET/);
    const config = loadConfig({
      JANUS_URLS: 'ws://127.0.0.1:8188, ws://127.0.0.1:8189',
      JANUS_API_SECRET: 'a-long-secret',
    });
    expect(config.janus).toEqual({
      mode: 'external',
      urls: ['ws://127.0.0.1:8188', 'ws://127.0.0.1:8189'],
      apiSecret: 'a-long-secret',
    });
  });

  it('turns on secure cookies behind https', () => {
    expect(loadConfig({ BASE_URL: 'https://treffen.example.org/' }).cookieSecure).toBe(true);
    expect(loadConfig({ BASE_URL: 'https://treffen.example.org/' }).baseUrl).toBe(
      'https://treffen.example.org',
    );
  });

  it('wants TURN url and secret together', () => {
    expect(() => loadConfig({ TURN_URL: 'turn:turn.example.org:3478' })).toThrow(/TURN_SECRET/);
  });

  it('keeps the gateway ports apart from the embedded Janus ports', () => {
    const sip = { SIP_ENABLED: 'true', SIP_TRUNK_ADDRESSES: '127.0.0.1' };
    // The defaults do not overlap (20000-40000 and 41000-41999).
    expect(loadConfig(sip).sip?.rtpPorts).toEqual({ min: 41000, max: 41999 });
    expect(() => loadConfig({ ...sip, SIP_RTP_PORTS: '39000-39999' })).toThrow(
      /SIP_RTP_PORTS: must not overlap/,
    );
    // External Janus nodes have their own ports elsewhere.
    const external = { JANUS_URLS: 'ws://10.0.0.5:8188', JANUS_API_SECRET: 'x'.repeat(32) };
    expect(loadConfig({ ...sip, ...external, SIP_RTP_PORTS: '39000-39999' }).sip?.rtpPorts.min).toBe(39000);
  });

  it('reads a provider registration, and wants its account with it', () => {
    const registrar = { SIP_ENABLED: 'true', SIP_REGISTRAR: 'sip.provider.example:5070' };
    expect(() => loadConfig(registrar)).toThrow(/SIP_REGISTER_USER and SIP_REGISTER_PASSWORD/);
    const account = { SIP_REGISTER_USER: '4930123456', SIP_REGISTER_PASSWORD: 'from the provider' };
    // The registrar alone is enough for callers to reach us: no trunk address needed.
    expect(loadConfig({ ...registrar, ...account }).sip?.register).toEqual({
      registrar: { host: 'sip.provider.example', port: 5070 },
      user: '4930123456',
      domain: 'sip.provider.example',
      authUser: '4930123456',
      password: 'from the provider',
      expires: 600,
    });
    expect(
      loadConfig({
        ...registrar,
        ...account,
        SIP_REGISTRAR: '[2001:db8::5]',
        SIP_REGISTER_DOMAIN: 'example.net',
      }).sip?.register,
    ).toMatchObject({ registrar: { host: '2001:db8::5', port: 5060 }, domain: 'example.net' });
    expect(() => loadConfig({ ...registrar, ...account, SIP_REGISTRAR: 'sip://x' })).toThrow(/SIP_REGISTRAR/);
    expect(
      loadConfig({ SIP_ENABLED: 'true', SIP_TRUNK_ADDRESSES: '127.0.0.1' }).sip?.register,
    ).toBeUndefined();
  });
});
