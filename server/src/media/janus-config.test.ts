import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KNOWN_PLUGINS,
  libconfigString,
  parsePortRange,
  renderJanusConfig,
  renderLibconfig,
  splitRtpPortRange,
  writeJanusConfig,
  type JanusConfigOptions,
} from './janus-config.js';

const base: JanusConfigOptions = {
  configsFolder: '/var/lib/treffpunkt/janus',
  apiSecret: 'api-secret-0123456789',
  adminKey: 'admin-key-0123456789',
  wsPort: 18188,
  rtpPortRange: '20000-37999',
  plainRtpPortRange: '38000-38999',
  streamingRtpPortRange: '39000-40000',
  iceEnforceList: 'lo',
};

/** The value of `key` inside `category: { … }` of a rendered file. */
function setting(file: string, category: string, key: string): string | undefined {
  const section = new RegExp(`^${category}: \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(file)?.[1] ?? '';
  return new RegExp(`^\\t${key} = (.*)$`, 'm').exec(section)?.[1];
}

describe('libconfig rendering', () => {
  it('escapes quotes, backslashes and control characters', () => {
    expect(libconfigString('plain')).toBe('"plain"');
    expect(libconfigString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(libconfigString('line\nbreak\ttab\x7f')).toBe('"line\\x0abreak\\x09tab\\x7f"');
    expect(libconfigString('Grüße')).toBe('"Grüße"');
    expect(() => libconfigString('nul\0')).toThrow(/NUL/);
  });

  it('renders values by type and refuses bad names and non-integers', () => {
    const text = renderLibconfig({
      general: { s: 'x', n: 4, b: false, list: ['a', 'b'], skipped: undefined },
    });
    expect(text).toContain('general: {\n\ts = "x"\n\tn = 4\n\tb = false\n\tlist = ["a", "b"]\n}');
    expect(text).not.toContain('skipped');
    expect(() => renderLibconfig({ 'bad name': {} })).toThrow(/category/);
    expect(() => renderLibconfig({ general: { 'x=1\ny': 'z' } })).toThrow(/setting/);
    expect(() => renderLibconfig({ general: { n: 1.5 } })).toThrow(/integer/);
  });

  it('cannot be broken out of by a hostile value', () => {
    const file = renderJanusConfig({ ...base, iceEnforceList: 'lo"\n\tstun_server = "evil.example' })[
      'janus.jcfg'
    ]!;
    expect(file).not.toMatch(/^\s*stun_server/m);
    expect(setting(file, 'nat', 'ice_enforce_list')).toBe('"lo\\"\\x0a\\x09stun_server = \\"evil.example"');
  });
});

describe('port ranges', () => {
  it('parses and validates "min-max"', () => {
    expect(parsePortRange('20000-40000')).toEqual({ min: 20000, max: 40000 });
    for (const bad of ['20000', '40000-20000', '80-90', '20000-70000', 'a-b']) {
      expect(() => parsePortRange(bad)).toThrow(RangeError);
    }
  });

  it('splits one range into disjoint WebRTC, plain-RTP and streaming ranges with even starts', () => {
    expect(splitRtpPortRange('20000-40000')).toEqual({
      webrtc: '20000-37999',
      plainRtp: '38000-38999',
      streaming: '39000-40000',
    });
    const small = splitRtpPortRange('30000-30199');
    const [webrtc, plain, streaming] = [small.webrtc, small.plainRtp, small.streaming].map(parsePortRange);
    expect(webrtc!.max).toBeLessThan(plain!.min);
    expect(plain!.max).toBeLessThan(streaming!.min);
    expect(plain!.min % 2).toBe(0);
    expect(streaming!.max).toBe(30199);
    expect(() => splitRtpPortRange('30000-30050')).toThrow(/too small/);
  });
});

describe('renderJanusConfig', () => {
  const files = renderJanusConfig(base);
  const janus = files['janus.jcfg']!;

  it('renders every file Janus needs', () => {
    expect(Object.keys(files).sort()).toEqual([
      'janus.jcfg',
      'janus.plugin.audiobridge.jcfg',
      'janus.plugin.echotest.jcfg',
      'janus.plugin.streaming.jcfg',
      'janus.plugin.videoroom.jcfg',
      'janus.transport.websockets.jcfg',
    ]);
  });

  it('sets folders, stdout logging at level 4 and the api secret, but no admin secret', () => {
    expect(setting(janus, 'general', 'configs_folder')).toBe('"/var/lib/treffpunkt/janus"');
    expect(setting(janus, 'general', 'plugins_folder')).toBe('"/usr/lib/x86_64-linux-gnu/janus/plugins"');
    expect(setting(janus, 'general', 'transports_folder')).toBe(
      '"/usr/lib/x86_64-linux-gnu/janus/transports"',
    );
    expect(setting(janus, 'general', 'log_to_stdout')).toBe('true');
    expect(setting(janus, 'general', 'debug_level')).toBe('4');
    expect(setting(janus, 'general', 'debug_colors')).toBe('false');
    expect(setting(janus, 'general', 'api_secret')).toBe('"api-secret-0123456789"');
    expect(janus).not.toContain('admin_secret');
    expect(janus).toMatch(/^certificates: \{\n\}/m);
  });

  it('keeps ICE local and private: enforce list, no mDNS, no STUN/TURN, 1:1 NAT only when given', () => {
    expect(setting(janus, 'nat', 'ice_enforce_list')).toBe('"lo"');
    expect(setting(janus, 'nat', 'ignore_mdns')).toBe('true');
    expect(janus).not.toMatch(/stun|turn_/);
    expect(janus).not.toContain('nat_1_1_mapping');
    const withIp = renderJanusConfig({ ...base, publicIp: '203.0.113.7', iceEnforceList: undefined })[
      'janus.jcfg'
    ]!;
    expect(setting(withIp, 'nat', 'nat_1_1_mapping')).toBe('"203.0.113.7"');
    expect(withIp).not.toContain('ice_enforce_list');
    expect(() => renderJanusConfig({ ...base, publicIp: 'not-an-ip' })).toThrow(/PUBLIC_IP/);
  });

  it('sets the WebRTC port range and turns off event handlers', () => {
    expect(setting(janus, 'media', 'rtp_port_range')).toBe('"20000-37999"');
    expect(setting(janus, 'events', 'broadcast')).toBe('false');
  });

  it('disables every plugin but audiobridge, videoroom, streaming and echotest, every transport but websockets', () => {
    const disabledPlugins = setting(janus, 'plugins', 'disable')!.replace(/"/g, '').split(',');
    expect(disabledPlugins.sort()).toEqual(
      KNOWN_PLUGINS.filter((name) => !/audiobridge|videoroom|streaming|echotest/.test(name)).sort(),
    );
    expect(setting(janus, 'transports', 'disable')).toBe(
      '"libjanus_http.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so"',
    );
    const custom = renderJanusConfig({
      ...base,
      availablePlugins: ['libjanus_echotest.so', 'libjanus_sip.so', 'libjanus_sip.so.1', 'libjanus_new.so'],
    })['janus.jcfg']!;
    expect(setting(custom, 'plugins', 'disable')).toBe('"libjanus_new.so,libjanus_sip.so"');
  });

  it('binds the WebSocket transport to loopback only, without TLS or admin API', () => {
    const ws = files['janus.transport.websockets.jcfg']!;
    expect(setting(ws, 'general', 'ws')).toBe('true');
    expect(setting(ws, 'general', 'ws_port')).toBe('18188');
    expect(setting(ws, 'general', 'ws_interface')).toBe('"lo"');
    expect(setting(ws, 'general', 'ws_ip')).toBe('"127.0.0.1"');
    expect(setting(ws, 'general', 'wss')).toBe('false');
    expect(setting(ws, 'admin', 'admin_ws')).toBe('false');
    expect(() => renderJanusConfig({ ...base, wsPort: 70000 })).toThrow(/port/);
  });

  it('gives the room plugins the admin key and string ids; AudioBridge plain RTP on loopback, own range', () => {
    const audiobridge = files['janus.plugin.audiobridge.jcfg']!;
    expect(setting(audiobridge, 'general', 'local_ip')).toBe('"127.0.0.1"');
    expect(setting(audiobridge, 'general', 'rtp_port_range')).toBe('"38000-38999"');
    for (const name of ['audiobridge', 'videoroom', 'streaming']) {
      const file = files[`janus.plugin.${name}.jcfg`]!;
      expect(setting(file, 'general', 'admin_key')).toBe('"admin-key-0123456789"');
      expect(setting(file, 'general', 'string_ids')).toBe('true');
    }
    expect(setting(files['janus.plugin.streaming.jcfg']!, 'general', 'rtp_port_range')).toBe('"39000-40000"');
    expect(files['janus.plugin.echotest.jcfg']).toMatch(/^general: \{/m);
  });

  it('refuses overlapping ranges and short secrets', () => {
    expect(() => renderJanusConfig({ ...base, plainRtpPortRange: '37000-38000' })).toThrow(/overlap/);
    expect(() => renderJanusConfig({ ...base, apiSecret: 'short' })).toThrow(/16/);
  });
});

describe('writeJanusConfig', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes the files private to the owner and returns the main file', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'janus-config-'));
    const target = path.join(dir, 'janus');
    const { configsFolder: _ignored, ...options } = base;
    const main = await writeJanusConfig(target, options);
    expect(main).toBe(path.join(target, 'janus.jcfg'));
    expect((await stat(target)).mode & 0o777).toBe(0o700);
    expect((await stat(main)).mode & 0o777).toBe(0o600);
    const text = await readFile(main, 'utf8');
    expect(setting(text, 'general', 'configs_folder')).toBe(JSON.stringify(target));
  });
});
