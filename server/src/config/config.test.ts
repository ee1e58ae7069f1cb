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
});
