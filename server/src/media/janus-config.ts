import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';

/** Where Debian's `janus` package (1.1.2) installs its shared objects. */
export const DEBIAN_JANUS_LIB = '/usr/lib/x86_64-linux-gnu/janus';

/** Every plugin, transport and logger Debian's janus 1.1.2 ships; used when the folder cannot be listed. */
export const KNOWN_PLUGINS: readonly string[] = [
  'audiobridge',
  'duktape',
  'echotest',
  'lua',
  'nosip',
  'recordplay',
  'sip',
  'streaming',
  'textroom',
  'videocall',
  'videoroom',
  'voicemail',
].map((name) => `libjanus_${name}.so`);
export const KNOWN_TRANSPORTS: readonly string[] = [
  'http',
  'mqtt',
  'nanomsg',
  'pfunix',
  'rabbitmq',
  'websockets',
].map((name) => `libjanus_${name}.so`);
export const KNOWN_LOGGERS: readonly string[] = ['libjanus_jsonlog.so'];

/** The only plugins Treffpunkt loads: anything else is attack surface (SIP, Lua, Duktape, recordings…). */
export const ENABLED_PLUGINS: readonly string[] = ['audiobridge', 'videoroom', 'streaming', 'echotest'].map(
  (name) => `libjanus_${name}.so`,
);
/** The server drives Janus over a loopback WebSocket only: no HTTP, no admin API, no message brokers. */
export const ENABLED_TRANSPORTS: readonly string[] = ['libjanus_websockets.so'];

export interface JanusConfigOptions {
  /** Folder the files are written to; Janus reads the plugin and transport files from here too. */
  configsFolder: string;
  /** Folder of the plugin `.so` files. Default: Debian's. */
  pluginsFolder?: string;
  /** Folder of the transport `.so` files. Default: Debian's. */
  transportsFolder?: string;
  /** Secret every Janus API request must carry (`apisecret`). */
  apiSecret: string;
  /** `admin_key` of AudioBridge, VideoRoom and Streaming: needed to create rooms and RTP forwarders. */
  adminKey: string;
  /** Loopback TCP port of the WebSocket transport. */
  wsPort: number;
  /** UDP range for WebRTC (ICE) media, "min-max". */
  rtpPortRange: string;
  /** UDP range for AudioBridge plain-RTP participants (the SIP gateway), "min-max"; must not overlap. */
  plainRtpPortRange: string;
  /** UDP range for Streaming mountpoints created with port 0, "min-max". Unset: Janus picks any port. */
  streamingRtpPortRange?: string;
  /** Janus `ice_enforce_list`: the only interfaces/addresses used for ICE, e.g. "lo" or "eth0". Unset: all. */
  iceEnforceList?: string;
  /** Public address for 1:1 NAT (`nat_1_1_mapping`). */
  publicIp?: string;
  /** `.so` names present in the plugins/transports/loggers folders; everything not enabled is disabled. */
  availablePlugins?: readonly string[];
  availableTransports?: readonly string[];
  availableLoggers?: readonly string[];
  /** Janus log level 0–7; 4 (info) says what Janus does without quoting media details. */
  debugLevel?: number;
}

type ConfigValue = string | number | boolean | readonly string[];
type ConfigSection = Record<string, ConfigValue | undefined>;
type ConfigDocument = Record<string, ConfigSection>;

export interface PortRange {
  min: number;
  max: number;
}

/** Parses "min-max" (1024 ≤ min < max ≤ 65535). */
export function parsePortRange(range: string): PortRange {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(range.trim());
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  if (!match || min < 1024 || max > 65535 || min >= max) {
    throw new RangeError(`Invalid port range "${range}": expected "min-max" with 1024 <= min < max <= 65535`);
  }
  return { min, max };
}

const formatRange = (range: PortRange) => `${range.min}-${range.max}`;

/**
 * Splits the operator's one RTP_PORT_RANGE into the three UDP ranges Janus needs, so the firewall rule stays
 * one range: WebRTC gets the bottom ~90 %, AudioBridge plain RTP and Streaming share the top ~10 % (at most
 * 2,000 ports each). Boundaries are even because RTP wants even ports with RTCP on the next odd one.
 */
export function splitRtpPortRange(range: string): { webrtc: string; plainRtp: string; streaming: string } {
  const { min, max } = parsePortRange(range);
  const total = max - min + 1;
  if (total < 100) {
    throw new RangeError(`RTP port range "${range}" is too small: give Janus at least 100 ports`);
  }
  const share = Math.min(2000, Math.floor(total / 20) & ~1);
  const streamingMin = (max + 1 - share) & ~1;
  const plainMin = streamingMin - share;
  return {
    webrtc: formatRange({ min, max: plainMin - 1 }),
    plainRtp: formatRange({ min: plainMin, max: streamingMin - 1 }),
    streaming: formatRange({ min: streamingMin, max }),
  };
}

/** A libconfig string literal. Quotes, backslashes and control characters are escaped; NUL cannot be stored. */
export function libconfigString(value: string): string {
  if (value.includes('\0')) {
    throw new RangeError('Janus config values cannot contain NUL characters');
  }
  let escaped = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char === '"' || char === '\\') {
      escaped += `\\${char}`;
    } else if (code < 0x20 || code === 0x7f) {
      // libconfig understands \xNN; a raw newline or tab would end or bend the setting.
      escaped += `\\x${code.toString(16).padStart(2, '0')}`;
    } else {
      escaped += char;
    }
  }
  return `"${escaped}"`;
}

function renderValue(value: ConfigValue): string {
  if (typeof value === 'string') {
    return libconfigString(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`Janus config numbers must be integers, got ${value}`);
    }
    return String(value);
  }
  return `[${value.map(libconfigString).join(', ')}]`;
}

const settingName = /^[A-Za-z][-A-Za-z0-9_]*$/;

/** Renders categories of settings in libconfig syntax (what Janus's `.jcfg` files are). */
export function renderLibconfig(document: ConfigDocument): string {
  const lines = ['# Generated by Treffpunkt at every start of the embedded Janus; edits here are lost.', ''];
  for (const [category, settings] of Object.entries(document)) {
    if (!settingName.test(category)) {
      throw new RangeError(`Invalid libconfig category name "${category}"`);
    }
    lines.push(`${category}: {`);
    for (const [key, value] of Object.entries(settings)) {
      if (!settingName.test(key)) {
        throw new RangeError(`Invalid libconfig setting name "${key}"`);
      }
      if (value !== undefined) {
        lines.push(`\t${key} = ${renderValue(value)}`);
      }
    }
    lines.push('}', '');
  }
  return lines.join('\n');
}

const onlySharedObjects = (names: readonly string[]) => names.filter((name) => name.endsWith('.so'));
const disabledOf = (available: readonly string[], enabled: readonly string[]) =>
  onlySharedObjects(available)
    .filter((name) => !enabled.includes(name))
    .sort()
    .join(',');

function check(options: JanusConfigOptions): void {
  if (!Number.isInteger(options.wsPort) || options.wsPort < 1 || options.wsPort > 65535) {
    throw new RangeError(`Invalid WebSocket port ${options.wsPort}`);
  }
  if (options.apiSecret.length < 16 || options.adminKey.length < 16) {
    throw new RangeError('The Janus api_secret and admin_key must be at least 16 characters');
  }
  if (options.publicIp !== undefined && isIP(options.publicIp) === 0) {
    throw new RangeError('PUBLIC_IP must be an IPv4 or IPv6 address');
  }
  const ranges = [options.rtpPortRange, options.plainRtpPortRange, options.streamingRtpPortRange]
    .filter((range): range is string => range !== undefined)
    .map(parsePortRange)
    .sort((a, b) => a.min - b.min);
  ranges.forEach((range, index) => {
    const next = ranges[index + 1];
    if (next && next.min <= range.max) {
      throw new RangeError('The WebRTC, plain-RTP and streaming port ranges must not overlap');
    }
  });
}

/** Renders every file the embedded Janus needs, by file name. Pure: no I/O. */
export function renderJanusConfig(options: JanusConfigOptions): Record<string, string> {
  check(options);
  const pluginsFolder = options.pluginsFolder ?? `${DEBIAN_JANUS_LIB}/plugins`;
  const transportsFolder = options.transportsFolder ?? `${DEBIAN_JANUS_LIB}/transports`;
  const pluginGeneral = { admin_key: options.adminKey, string_ids: true, events: false };

  const janus: ConfigDocument = {
    general: {
      configs_folder: options.configsFolder,
      plugins_folder: pluginsFolder,
      transports_folder: transportsFolder,
      // Janus's stdout is read line by line by the supervisor; no file, no colours, pino adds timestamps.
      log_to_stdout: true,
      debug_level: options.debugLevel ?? 4,
      debug_timestamps: false,
      debug_colors: false,
      server_name: 'treffpunkt',
      api_secret: options.apiSecret,
      // No admin_secret: the admin API stays off in every transport.
      session_timeout: 60,
      hide_dependencies: true,
    },
    // Empty: Janus generates a fresh DTLS certificate at every start.
    certificates: {},
    media: { rtp_port_range: options.rtpPortRange },
    // No stun_server / turn_server ever: Janus must not contact third parties; browsers get our TURN server.
    nat: {
      nice_debug: false,
      ice_enforce_list: options.iceEnforceList,
      ignore_mdns: true,
      nat_1_1_mapping: options.publicIp,
    },
    plugins: { disable: disabledOf(options.availablePlugins ?? KNOWN_PLUGINS, ENABLED_PLUGINS) },
    transports: { disable: disabledOf(options.availableTransports ?? KNOWN_TRANSPORTS, ENABLED_TRANSPORTS) },
    loggers: { disable: disabledOf(options.availableLoggers ?? KNOWN_LOGGERS, []) },
    events: { broadcast: false },
  };

  const websockets: ConfigDocument = {
    general: {
      json: 'compact',
      events: false,
      ws: true,
      ws_port: options.wsPort,
      // ws_ip wins in Janus (it is mapped to its interface); ws_interface documents the intent.
      ws_interface: 'lo',
      ws_ip: '127.0.0.1',
      ws_acl: '127.',
      wss: false,
    },
    admin: { admin_ws: false, admin_wss: false },
    cors: {},
    certificates: {},
  };

  return {
    'janus.jcfg': renderLibconfig(janus),
    'janus.transport.websockets.jcfg': renderLibconfig(websockets),
    'janus.plugin.echotest.jcfg': renderLibconfig({ general: { events: false } }),
    'janus.plugin.audiobridge.jcfg': renderLibconfig({
      general: {
        ...pluginGeneral,
        // Plain-RTP participants are our SIP gateway on this machine, never a remote peer.
        local_ip: '127.0.0.1',
        rtp_port_range: options.plainRtpPortRange,
        lock_rtp_forward: true,
        lock_play_file: true,
      },
    }),
    'janus.plugin.videoroom.jcfg': renderLibconfig({ general: { ...pluginGeneral, lock_rtp_forward: true } }),
    'janus.plugin.streaming.jcfg': renderLibconfig({
      general: { ...pluginGeneral, rtp_port_range: options.streamingRtpPortRange },
    }),
  };
}

/**
 * Writes the rendered files into `dir` (created 0700; files 0600 because they hold the secrets).
 * Returns the path of `janus.jcfg`.
 */
export async function writeJanusConfig(
  dir: string,
  options: Omit<JanusConfigOptions, 'configsFolder'>,
): Promise<string> {
  const configsFolder = path.resolve(dir);
  await mkdir(configsFolder, { recursive: true, mode: 0o700 });
  await chmod(configsFolder, 0o700);
  const files = renderJanusConfig({ ...options, configsFolder });
  for (const [name, contents] of Object.entries(files)) {
    const file = path.join(configsFolder, name);
    await writeFile(file, contents, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return path.join(configsFolder, 'janus.jcfg');
}
