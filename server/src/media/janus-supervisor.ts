import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError, scrubText, type Logger } from '../lib/logger.js';
import { TypedEmitter } from '../lib/typed-emitter.js';
import { JanusStartError } from './errors.js';
import { JanusChannel } from './janus-channel.js';
import { DEBIAN_JANUS_LIB, splitRtpPortRange, writeJanusConfig } from './janus-config.js';
import {
  killStaleJanus,
  listSharedObjects,
  pickFreeLoopbackPort,
  removePidFile,
  terminate,
  writePidFile,
} from './janus-process.js';

export interface EmbeddedJanusOptions {
  /** Path or name of the janus binary. */
  binary: string;
  /** Treffpunkt's data folder; the config goes to `<dataDir>/janus/`. */
  dataDir: string;
  /** The one UDP range for Janus (split into WebRTC, plain RTP and streaming ranges). */
  rtpPortRange: string;
  iceEnforceList?: string | undefined;
  publicIp?: string | undefined;
  logger: Logger;
  /** How long Janus may take to answer `info` after being spawned (default 15 s). */
  startTimeoutMs?: number;
  /** Restart backoff after an unexpected exit: first delay and cap (default 0.5 s → 10 s). */
  restartMinMs?: number;
  restartMaxMs?: number;
  /** SIGKILL follows SIGTERM after this long (default 5 s). */
  stopTimeoutMs?: number;
  /** Where the plugin and transport `.so` files are (default: Debian's). */
  libFolder?: string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A restart counts as a fresh start (backoff reset) once Janus stayed up this long. */
const STABLE_AFTER_MS = 30_000;
// Built from a string: a literal ESC in a regex trips no-control-regex.
const ANSI_ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * Spawns and supervises the local Janus of the embedded mode: writes its config, starts it, waits until its
 * WebSocket answers `info`, restarts it with backoff when it dies and stops it on request. Port and secrets
 * stay the same across restarts, so `url` stays valid and the JanusNode only has to reconnect.
 */
export class EmbeddedJanus extends TypedEmitter<{ up: []; down: [ExitInfo] }> {
  /** Secret every Janus API request must carry. */
  readonly apiSecret = randomBytes(24).toString('base64url');
  /** admin_key of AudioBridge, VideoRoom and Streaming (room creation, RTP forwarders). */
  readonly adminKey = randomBytes(24).toString('base64url');
  private readonly configDir: string;
  private readonly log: Logger;
  private readonly janusLog: Logger;
  private wsPort: number | undefined;
  private child: ChildProcess | undefined;
  private isUp = false;
  private upSince = 0;
  private failures = 0;
  private stopping = false;
  private starting: Promise<void> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private lastPid: number | undefined;
  private readonly recentOutput: string[] = [];
  private readonly killOnExit = () => this.child?.kill('SIGKILL');

  constructor(private readonly options: EmbeddedJanusOptions) {
    const log = options.logger.child({ component: 'janus-supervisor' });
    super((error, event) =>
      log.error({ err: describeError(error), event }, 'janus supervisor listener failed'),
    );
    this.log = log;
    this.janusLog = options.logger.child({ component: 'janus' });
    this.configDir = path.join(path.resolve(options.dataDir), 'janus');
  }

  /** ws:// URL of the Janus API (fixed once `start()` has picked the port). */
  get url(): string {
    if (this.wsPort === undefined) {
      throw new Error('EmbeddedJanus has not been started');
    }
    return `ws://127.0.0.1:${this.wsPort}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  status(): 'up' | 'down' {
    return this.isUp ? 'up' : 'down';
  }

  /** Starts Janus and resolves once it answers; rejects with JanusStartError (e.g. binary missing). */
  start(): Promise<void> {
    this.starting ??= (async () => {
      const stale = await killStaleJanus(this.configDir);
      if (stale !== undefined) {
        this.log.warn({ pid: stale }, 'killed a janus left over from an earlier run of this server');
      }
      this.wsPort = await pickFreeLoopbackPort();
      process.once('exit', this.killOnExit);
      const startedAt = performance.now();
      try {
        await this.launch();
      } catch (error) {
        process.removeListener('exit', this.killOnExit);
        throw error;
      }
      this.log.info({ pid: this.pid, ms: Math.round(performance.now() - startedAt) }, 'janus started');
    })();
    return this.starting;
  }

  /** SIGTERM, then SIGKILL after `stopTimeoutMs`. No restart afterwards. Idempotent. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    process.removeListener('exit', this.killOnExit);
    this.isUp = false;
    const child = this.child;
    this.child = undefined;
    if (child) {
      await terminate(child, this.options.stopTimeoutMs ?? 5_000);
    }
    // A start attempt in flight sees `stopping` within ~100 ms and kills what it spawned.
    await this.inFlight;
    if (this.lastPid !== undefined) {
      await removePidFile(this.configDir, this.lastPid);
    }
  }

  /** Runs one start attempt, remembered so that `stop()` can wait for an attempt it cancelled. */
  private launch(): Promise<void> {
    const attempt = this.spawnAndWait();
    this.inFlight = attempt.catch(() => undefined);
    return attempt;
  }

  /** Writes the config, spawns Janus and waits for its API; marks it up. */
  private async spawnAndWait(): Promise<void> {
    const wsPort = this.wsPort ?? (await pickFreeLoopbackPort());
    const libFolder = this.options.libFolder ?? DEBIAN_JANUS_LIB;
    const ranges = splitRtpPortRange(this.options.rtpPortRange);
    const configFile = await writeJanusConfig(this.configDir, {
      pluginsFolder: `${libFolder}/plugins`,
      transportsFolder: `${libFolder}/transports`,
      apiSecret: this.apiSecret,
      adminKey: this.adminKey,
      wsPort,
      rtpPortRange: ranges.webrtc,
      plainRtpPortRange: ranges.plainRtp,
      streamingRtpPortRange: ranges.streaming,
      iceEnforceList: this.options.iceEnforceList,
      publicIp: this.options.publicIp,
      availablePlugins: await listSharedObjects(`${libFolder}/plugins`),
      availableTransports: await listSharedObjects(`${libFolder}/transports`),
      availableLoggers: await listSharedObjects(`${libFolder}/loggers`),
    });
    this.recentOutput.length = 0;
    const child = spawn(this.options.binary, ['-F', this.configDir, '-C', configFile, '--disable-colors'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new JanusStartError(
            error.code === 'ENOENT'
              ? 'janus is not installed — run: apt-get install -y janus'
              : `janus could not be started (${error.code ?? error.name})`,
            { cause: error },
          ),
        ),
      );
    });
    if (this.stopping) {
      await terminate(child, 1_000);
      throw new JanusStartError('janus start-up was cancelled by stop()');
    }
    this.child = child;
    this.pipeOutput(child);
    child.once('exit', (code, signal) => this.onExit(child, { code, signal }));
    try {
      if (child.pid !== undefined) {
        this.lastPid = child.pid;
        await writePidFile(this.configDir, child.pid);
      }
      await this.waitForApi(child);
    } catch (error) {
      this.child = undefined;
      await terminate(child, 1_000);
      throw error;
    }
    this.isUp = true;
    this.upSince = Date.now();
    this.emit('up');
  }

  /** Polls the WebSocket until Janus answers `info`, the process exits or the start timeout passes. */
  private async waitForApi(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 15_000);
    while (Date.now() < deadline) {
      if (this.stopping) {
        throw new JanusStartError('janus start-up was cancelled by stop()');
      }
      if (child.exitCode !== null || child.signalCode !== null) {
        const last = this.recentOutput.slice(-5).join(' | ');
        throw new JanusStartError(
          `janus exited during start-up (code ${child.exitCode ?? child.signalCode})${last ? `: ${last}` : ''}`,
        );
      }
      try {
        const channel = await JanusChannel.connect({
          url: this.url,
          logger: this.log,
          connectTimeoutMs: 1_000,
        });
        try {
          await channel.request({ janus: 'info' }, { timeoutMs: 1_000 });
          return;
        } finally {
          channel.close();
        }
      } catch {
        await sleep(100);
      }
    }
    throw new JanusStartError(`janus did not answer within ${this.options.startTimeoutMs ?? 15_000} ms`);
  }

  private onExit(child: ChildProcess, exit: ExitInfo): void {
    if (child !== this.child || this.stopping) {
      return;
    }
    this.child = undefined;
    this.isUp = false;
    this.log.error({ code: exit.code, signal: exit.signal }, 'janus exited unexpectedly; restarting');
    this.emit('down', exit);
    if (Date.now() - this.upSince > STABLE_AFTER_MS) {
      this.failures = 0;
    }
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.stopping) {
      return;
    }
    const min = this.options.restartMinMs ?? 500;
    const delay = Math.min(this.options.restartMaxMs ?? 10_000, min * 2 ** this.failures);
    this.failures = Math.min(this.failures + 1, 30);
    this.restartTimer = setTimeout(() => {
      const startedAt = performance.now();
      this.launch().then(
        () =>
          this.log.info({ pid: this.pid, ms: Math.round(performance.now() - startedAt) }, 'janus restarted'),
        (error: unknown) => {
          this.log.error({ err: describeError(error) }, 'janus restart failed');
          this.scheduleRestart();
        },
      );
    }, delay);
  }

  /**
   * Janus's output goes to the debug log only, line by line. Level 4 holds no personal data, but ICE lines can
   * quote addresses: any line with an IP address, an email or one of our secrets is dropped.
   */
  private pipeOutput(child: ChildProcess): void {
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) {
        continue;
      }
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (raw) => {
        const line = raw.replace(ANSI_ESCAPES, '').trim();
        if (
          !line ||
          scrubText(line) !== line ||
          line.includes(this.apiSecret) ||
          line.includes(this.adminKey)
        ) {
          return;
        }
        this.recentOutput.push(line.slice(0, 300));
        if (this.recentOutput.length > 20) {
          this.recentOutput.shift();
        }
        this.janusLog.debug(line);
      });
    }
  }
}
