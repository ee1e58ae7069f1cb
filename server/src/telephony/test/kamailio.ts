import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeUdpPort, sleep } from './baresip-phone.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
// scripts/test.sh unpacks Debian's package here instead of installing it (the package would run a SIP server
// on 5060 as a service). The copy in /usr/sbin, if any, is never used: CI machines do not have it.
const tree = path.join(root, '.cache/kamailio');
const libDir = path.join(tree, 'usr/lib/x86_64-linux-gnu/kamailio');

export interface KamailioOptions {
  user: string;
  password: string;
  realm: string;
  /**
   * Digest algorithm of the challenge (kamailio offers one). Unset: MD5 without an `algorithm=` parameter, as
   * many providers send it; 'MD5' or 'SHA-256': with `algorithm=`.
   */
  algorithm?: 'MD5' | 'SHA-256';
}

export interface Kamailio {
  host: '127.0.0.1';
  port: number;
  stop(): Promise<void>;
  /** What kamailio logged (stderr), for failure messages. */
  output(): string;
}

/**
 * Debian's kamailio 5.6 on loopback as a SIP provider: a registrar for one account (digest, qop=auth) and a
 * proxy that sends calls for that account's user to wherever it registered, record-routing so the BYE and ACK
 * come back through it. Everything else gets 404.
 */
export async function startKamailio(options: KamailioOptions): Promise<Kamailio> {
  const binary = path.join(tree, 'usr/sbin/kamailio');
  if (!existsSync(binary)) {
    throw new Error(
      `${binary} is missing: run \`npm test\` (scripts/test.sh) once to unpack Debian's kamailio.`,
    );
  }
  // They go into the config as string literals, where `"` ends the string and `$` starts a variable.
  for (const value of [options.user, options.realm]) {
    if (!/^[\w.+-]+$/.test(value)) {
      throw new Error(`startKamailio: ${JSON.stringify(value)} is not a plain user or realm`);
    }
  }
  // The password goes in as HA1 (flag 1 of pv_auth_check), so it needs no quoting.
  const ha1 = createHash(options.algorithm === 'SHA-256' ? 'sha256' : 'md5')
    .update(`${options.user}:${options.realm}:${options.password}`)
    .digest('hex');
  const port = await freeUdpPort();
  const text = configText({
    user: options.user,
    realm: options.realm,
    algorithm: options.algorithm,
    port,
    ha1,
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'kamailio-'));
  const config = path.join(dir, 'kamailio.cfg');
  await writeFile(config, text);

  const child = spawn(
    binary,
    // -DD: stay in the foreground; -E: log to stderr; -Y/-w: nothing under /run or /.
    ['-f', config, '-DD', '-E', '-n', '1', '-m', '32', '-M', '8', '-Y', dir, '-w', dir],
    // usrloc.so needs libsrdb1.so from the unpacked tree; its RUNPATH names /usr/lib/…/kamailio.
    { env: { ...process.env, LD_LIBRARY_PATH: libDir }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.on('error', (error) => (output += `${error.message}\n`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  const stop = async () => {
    if (running() && child.pid !== undefined) {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3000)]);
      if (running()) {
        // Its own process group (detached): the workers go too, not only the main process.
        process.kill(-child.pid, 'SIGKILL');
        await exited;
      }
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await untilAnswering(port, running, 10_000);
  } catch (error) {
    await stop();
    throw new Error(`kamailio did not start: ${(error as Error).message}\n${output}`, { cause: error });
  }
  return { host: '127.0.0.1', port, stop, output: () => output };
}

function configText(c: {
  user: string;
  realm: string;
  algorithm: KamailioOptions['algorithm'];
  port: number;
  ha1: string;
}): string {
  const algorithmParam = c.algorithm ? `modparam("auth", "algorithm", "${c.algorithm}")` : '';
  return `#!KAMAILIO
debug=2
log_stderror=yes
children=1
listen=udp:127.0.0.1:${c.port}
disable_tcp=yes
disable_sctp=yes
auto_aliases=no
dns=no
rev_dns=no
use_dns_cache=no

mpath="${path.join(libDir, 'modules')}"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "siputils.so"
loadmodule "textops.so"
loadmodule "xlog.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "auth.so"

modparam("usrloc", "db_mode", 0)
${algorithmParam}

request_route {
  xlog("L_INFO", "$rm $ru from $si:$sp\\n");
  if (!mf_process_maxfwd_header("10")) {
    sl_send_reply("483", "Too Many Hops");
    exit;
  }
  if (has_totag()) {
    # In-dialog: the Route we record-routed leads on to the other end.
    if (loose_route()) {
      t_relay();
    } else if (is_method("ACK")) {
      if (t_check_trans()) {
        t_relay();
      }
    } else {
      sl_send_reply("404", "Not Here");
    }
    exit;
  }
  if (is_method("CANCEL")) {
    if (t_check_trans()) {
      t_relay();
    }
    exit;
  }
  # A retransmission of a request in progress: tm answers it and ends the script.
  t_check_trans();
  if (is_method("REGISTER")) {
    # Flag 1: the password is HA1; check 1: the auth user must be the To user.
    if (!pv_auth_check("${c.realm}", "${c.ha1}", "1", "1")) {
      www_challenge("${c.realm}", "1");
      exit;
    }
    if ($tU != "${c.user}") {
      sl_send_reply("403", "Forbidden");
      exit;
    }
    consume_credentials();
    save("location");
    exit;
  }
  if (is_method("OPTIONS") && uri == myself && $rU == $null) {
    sl_send_reply("200", "OK");
    exit;
  }
  if ($rU != "${c.user}" || !lookup("location")) {
    sl_send_reply("404", "Not Found");
    exit;
  }
  record_route();
  t_relay();
  exit;
}
`;
}

/** Sends OPTIONS until kamailio answers anything: then its worker is reading the socket. */
async function untilAnswering(port: number, running: () => boolean, timeoutMs: number): Promise<void> {
  const socket = createSocket('udp4');
  let replies = 0;
  socket.on('message', (datagram) => datagram.toString('latin1').startsWith('SIP/2.0 ') && (replies += 1));
  // Until kamailio binds, the OPTIONS get ICMP port unreachable, which dgram reports as errors.
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const local = socket.address().port;
  const callId = randomUUID();
  const deadline = Date.now() + timeoutMs;
  try {
    for (let cseq = 1; replies === 0; cseq += 1) {
      if (!running()) {
        throw new Error('it exited');
      }
      if (Date.now() > deadline) {
        throw new Error(`no answer to OPTIONS within ${timeoutMs} ms`);
      }
      const options = [
        `OPTIONS sip:127.0.0.1:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK-ready-${cseq};rport`,
        'Max-Forwards: 70',
        `From: <sip:ready@127.0.0.1:${local}>;tag=ready`,
        `To: <sip:127.0.0.1:${port}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} OPTIONS`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(options, port, '127.0.0.1');
      await sleep(100);
    }
  } finally {
    socket.close();
  }
}
