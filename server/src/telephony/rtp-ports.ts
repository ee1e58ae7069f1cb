import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { randomInt } from 'node:crypto';

/** Binds UDP sockets on even ports from SIP_RTP_PORTS (odd ones stay free for RTCP, by convention). */
export class RtpPortRange {
  constructor(
    private readonly host: string,
    private readonly min: number,
    private readonly max: number,
  ) {}

  async bind(host = this.host): Promise<{ socket: Socket; port: number }> {
    const first = this.min + (this.min % 2);
    const count = Math.floor((this.max - first) / 2) + 1;
    const start = randomInt(count);
    // A few random probes then a sweep: fast when the range is mostly free, exhaustive when it is busy.
    for (let attempt = 0; attempt < count; attempt += 1) {
      const port = first + ((start + attempt) % count) * 2;
      const socket = await tryBind(host, port);
      if (socket) {
        return { socket, port };
      }
    }
    throw new Error('No free RTP port in SIP_RTP_PORTS');
  }
}

function tryBind(host: string, port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
    const onError = (): void => {
      socket.close();
      resolve(undefined);
    };
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
