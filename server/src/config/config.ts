import path from 'node:path';
import { z } from 'zod';
import { rangesOverlap } from '../telephony/capacity-fns.js';
import { parseAddressRules } from '../telephony/net-fns.js';
import type { SipRegistrationSettings } from '../telephony/sip-gateway.js';

/** Comma-separated list of ws:// or wss:// URLs. */
const urlList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  )
  .pipe(z.array(z.url({ protocol: /^wss?$/ })).min(1));

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const portRange = z
  .string()
  .regex(/^\d{1,5}-\d{1,5}$/, 'expected "min-max", e.g. 20000-40000')
  .refine((value) => {
    const [min, max] = value.split('-').map(Number);
    return min !== undefined && max !== undefined && min >= 1024 && max <= 65535 && min < max;
  }, 'expected 1024 <= min < max <= 65535');

/**
 * Every environment variable Treffpunkt reads, with the defaults of the embedded mode.
 * Documented in docs/configuration.md — keep both in step.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** TCP port of the HTTP server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface the HTTP server binds to. */
  HOST: z.string().min(1).max(255).default('127.0.0.1'),
  /** Public URL users open; used for links in mail and for the WebSocket Origin check. */
  BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Folder for the embedded database, the generated Janus config and other state. */
  DATA_DIR: z.string().min(1).max(1024).default('./data'),
  /**
   * 32 random bytes, base64url (`openssl rand -base64 32 | tr '+/' '-_' | tr -d '='`): encrypts second-factor
   * seeds in the database. Unset: generated once in DATA_DIR/secret.key. Nodes sharing a database need the same.
   */
  SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}=?$/, 'expected 32 bytes, base64url-encoded (43 characters)')
    .optional(),
  /** PostgreSQL connection string. Unset: embedded PGlite in DATA_DIR/pglite. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Janus WebSocket API URLs. Unset: a local Janus is spawned and supervised. */
  JANUS_URLS: urlList.optional(),
  /** The api_secret of the external Janus nodes (required with JANUS_URLS). */
  JANUS_API_SECRET: z.string().min(8).max(256).optional(),
  /** Path of the janus binary for the embedded mode. */
  JANUS_BINARY: z.string().min(1).max(1024).default('janus'),
  /** UDP port range Janus uses for WebRTC media (embedded mode). */
  RTP_PORT_RANGE: portRange.default('20000-40000'),
  /** Interfaces ICE may use, Janus `ice_enforce_list` (embedded mode), e.g. "eth0" or "lo". */
  ICE_ENFORCE_LIST: z.string().max(255).optional(),
  /** Public IP for 1:1 NAT (Janus `nat_1_1_mapping`), e.g. on a cloud VM. */
  PUBLIC_IP: z.union([z.ipv4(), z.ipv6()]).optional(),
  /** TURN server, e.g. turn:turn.example.org:3478 (handed to browsers; never a public third-party server). */
  TURN_URL: z
    .string()
    .regex(/^turns?:/, 'expected turn: or turns: URL')
    .max(512)
    .optional(),
  TURN_SECRET: z.string().min(16).max(256).optional(),
  /** SMTP URL for outgoing mail. Unset: mail stays in the outbox (development mailbox). */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).max(320).default('Treffpunkt <treffpunkt@localhost>'),
  /** Redis URL, only needed when several server nodes run. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Secure cookies; defaults to true when BASE_URL is https. */
  COOKIE_SECURE: booleanFlag.optional(),
  /** Behind a reverse proxy: trust X-Forwarded-* from it. */
  TRUST_PROXY: booleanFlag.default(false),
  /** Create the first platform admin and a demo organisation on first start. */
  SEED_DEMO: booleanFlag.default(true),
  // --- Telephone dial-in (server/src/telephony, docs/configuration.md "Telephone dial-in") ---
  /** Run the SIP gateway. */
  SIP_ENABLED: booleanFlag.default(false),
  /** Address the SIP gateway (UDP) and its RTP sockets bind to. */
  SIP_HOST: z.union([z.ipv4(), z.ipv6()]).default('127.0.0.1'),
  SIP_PORT: z.coerce.number().int().min(1).max(65535).default(5060),
  /** Address written into SDP and Contact when SIP_HOST is a wildcard or behind 1:1 NAT. */
  SIP_PUBLIC_ADDRESS: z.union([z.ipv4(), z.ipv6()]).optional(),
  /** UDP ports for the callers' RTP and the relay towards Janus (two per call). */
  SIP_RTP_PORTS: portRange.default('41000-41999'),
  /** Comma-separated IPs/CIDRs of the SIP trunk allowed to call without authentication. */
  SIP_TRUNK_ADDRESSES: z
    .string()
    .max(4096)
    .refine(
      (value) => parseAddressRules(value) !== null,
      'expected comma-separated IP addresses or CIDR blocks',
    )
    .optional(),
  /** Digest credentials callers from other addresses must present (RFC 8760; MD5 accepted for interop). */
  SIP_AUTH_USER: z.string().min(1).max(128).optional(),
  SIP_AUTH_PASSWORD: z.string().min(12).max(256).optional(),
  /** Concurrent calls at most; further INVITEs get 503. */
  SIP_MAX_CALLS: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Folder of the built prompts (scripts/build-prompts.mjs). */
  SIP_PROMPTS_DIR: z.string().min(1).max(1024).optional(),
  /** Register with a SIP provider: its registrar as host[:port] (a name or an IP; IPv6 in brackets). */
  SIP_REGISTRAR: z
    .string()
    .regex(
      /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/,
      'expected host or host:port, e.g. sip.example.net or sip.example.net:5060',
    )
    .optional(),
  /** The account at the provider (often the phone number) and its password. */
  SIP_REGISTER_USER: z
    .string()
    .regex(/^[A-Za-z0-9._~+!$&'()*,;=-]{1,128}$/, 'expected a SIP user name')
    .optional(),
  SIP_REGISTER_PASSWORD: z.string().min(1).max(256).optional(),
  /** Domain of the address of record when it differs from the registrar's host. */
  SIP_REGISTER_DOMAIN: z
    .string()
    .regex(/^[A-Za-z0-9.-]{1,253}$/, 'expected a domain name')
    .optional(),
  /** Digest user name when the provider's differs from SIP_REGISTER_USER. */
  SIP_REGISTER_AUTH_USER: z.string().min(1).max(128).optional(),
  /** Seconds the registration should last; refreshed before it lapses. */
  SIP_REGISTER_EXPIRES: z.coerce.number().int().min(60).max(86_400).default(600),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  baseUrl: string | undefined;
  dataDir: string;
  /** From SECRET_KEY; undefined: lib/secret-box.ts `loadSecretKey` keeps one in DATA_DIR. */
  secretKey: Buffer | undefined;
  databaseUrl: string | undefined;
  janus:
    | { mode: 'external'; urls: string[]; apiSecret: string }
    | {
        mode: 'embedded';
        binary: string;
        rtpPortRange: string;
        iceEnforceList: string | undefined;
        publicIp: string | undefined;
      };
  turn: { url: string; secret: string } | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  redisUrl: string | undefined;
  logLevel: string;
  cookieSecure: boolean;
  trustProxy: boolean;
  seedDemo: boolean;
  sip: SipConfig | undefined;
}

/** The SIP gateway's settings; undefined when SIP_ENABLED is off. */
export interface SipConfig {
  host: string;
  port: number;
  publicAddress: string;
  rtpPorts: { min: number; max: number };
  /** Raw SIP_TRUNK_ADDRESSES (checked); parse with telephony/net-fns `parseAddressRules`. */
  trunkAddresses: string;
  auth: { user: string; password: string } | undefined;
  maxCalls: number;
  promptsDir: string | undefined;
  /** SIP_REGISTRAR and its account; undefined: no registration (calls come from SIP_TRUNK_ADDRESSES). */
  register: SipRegistrationSettings | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment. Throws ConfigError naming each bad variable and what it expects. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((key) => {
      const value = env[key];
      return value === undefined || value === '' ? [] : [[key, value]];
    }),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.JANUS_URLS && !e.JANUS_API_SECRET) {
    problems.push('JANUS_API_SECRET: required when JANUS_URLS is set');
  }
  if ((e.TURN_URL === undefined) !== (e.TURN_SECRET === undefined)) {
    problems.push('TURN_URL / TURN_SECRET: set both or neither');
  }
  if ((e.SIP_AUTH_USER === undefined) !== (e.SIP_AUTH_PASSWORD === undefined)) {
    problems.push('SIP_AUTH_USER / SIP_AUTH_PASSWORD: set both or neither');
  }
  if (e.SIP_REGISTRAR !== undefined && (!e.SIP_REGISTER_USER || !e.SIP_REGISTER_PASSWORD)) {
    problems.push('SIP_REGISTRAR: set SIP_REGISTER_USER and SIP_REGISTER_PASSWORD too');
  }
  if (e.SIP_ENABLED && !e.SIP_TRUNK_ADDRESSES && !e.SIP_AUTH_USER && !e.SIP_REGISTRAR) {
    problems.push(
      'SIP_ENABLED: set SIP_TRUNK_ADDRESSES, SIP_REGISTRAR or SIP_AUTH_USER/SIP_AUTH_PASSWORD, or nobody can call',
    );
  }
  if (e.SIP_ENABLED && !e.SIP_PUBLIC_ADDRESS && (e.SIP_HOST === '0.0.0.0' || e.SIP_HOST === '::')) {
    problems.push('SIP_PUBLIC_ADDRESS: required when SIP_HOST is a wildcard address');
  }
  // The embedded Janus binds RTP_PORT_RANGE, the gateway SIP_RTP_PORTS: a shared port fails calls at random.
  if (e.SIP_ENABLED && !e.JANUS_URLS && rangesOverlap(rangeOf(e.SIP_RTP_PORTS), rangeOf(e.RTP_PORT_RANGE))) {
    problems.push(`SIP_RTP_PORTS: must not overlap RTP_PORT_RANGE (${e.RTP_PORT_RANGE})`);
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    baseUrl: e.BASE_URL?.replace(/\/$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    secretKey: e.SECRET_KEY ? Buffer.from(e.SECRET_KEY.replace(/=$/, ''), 'base64url') : undefined,
    databaseUrl: e.DATABASE_URL,
    janus:
      e.JANUS_URLS && e.JANUS_API_SECRET
        ? { mode: 'external', urls: e.JANUS_URLS, apiSecret: e.JANUS_API_SECRET }
        : {
            mode: 'embedded',
            binary: e.JANUS_BINARY,
            rtpPortRange: e.RTP_PORT_RANGE,
            iceEnforceList: e.ICE_ENFORCE_LIST,
            publicIp: e.PUBLIC_IP,
          },
    turn: e.TURN_URL && e.TURN_SECRET ? { url: e.TURN_URL, secret: e.TURN_SECRET } : undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE ?? e.BASE_URL?.startsWith('https:') ?? false,
    trustProxy: e.TRUST_PROXY,
    seedDemo: e.SEED_DEMO,
    sip: e.SIP_ENABLED ? sipConfig(e) : undefined,
  };
}

/** A range the schema has checked ("min-max"). */
function rangeOf(value: string): { min: number; max: number } {
  const [min = 0, max = 0] = value.split('-').map(Number);
  return { min, max };
}

function sipConfig(e: z.output<typeof envSchema>): SipConfig {
  const { min, max } = rangeOf(e.SIP_RTP_PORTS);
  return {
    host: e.SIP_HOST,
    port: e.SIP_PORT,
    publicAddress: e.SIP_PUBLIC_ADDRESS ?? e.SIP_HOST,
    rtpPorts: { min, max },
    trunkAddresses: e.SIP_TRUNK_ADDRESSES ?? '',
    auth:
      e.SIP_AUTH_USER && e.SIP_AUTH_PASSWORD
        ? { user: e.SIP_AUTH_USER, password: e.SIP_AUTH_PASSWORD }
        : undefined,
    maxCalls: e.SIP_MAX_CALLS,
    promptsDir: e.SIP_PROMPTS_DIR,
    register: registerConfig(e),
  };
}

function registerConfig(e: z.output<typeof envSchema>): SipRegistrationSettings | undefined {
  if (!e.SIP_REGISTRAR || !e.SIP_REGISTER_USER || !e.SIP_REGISTER_PASSWORD) {
    return undefined;
  }
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(e.SIP_REGISTRAR);
  const host = match?.[1] ?? match?.[2] ?? e.SIP_REGISTRAR;
  return {
    registrar: { host, port: match?.[3] ? Number(match[3]) : 5060 },
    user: e.SIP_REGISTER_USER,
    domain: e.SIP_REGISTER_DOMAIN ?? host,
    authUser: e.SIP_REGISTER_AUTH_USER ?? e.SIP_REGISTER_USER,
    password: e.SIP_REGISTER_PASSWORD,
    expires: e.SIP_REGISTER_EXPIRES,
  };
}
