import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { SipSource } from './sip-message.js';

/** The datagram transport the gateway speaks over (UDP; a TCP transport would implement the same). */
export interface SipTransport {
  readonly address: { host: string; port: number };
  send(datagram: Buffer, destination: SipSource): void;
  onDatagram(handler: (datagram: Buffer, source: SipSource) => void): void;
  close(): Promise<void>;
}

/** Binds node:dgram to host:port (port 0: any free port, for tests). */
export function bindUdpTransport(host: string, port: number): Promise<SipTransport> {
  return new Promise((resolve, reject) => {
    const socket: Socket = createSocket({ type: isIP(host) === 6 ? 'udp6' : 'udp4', reuseAddr: false });
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      // Send errors (ICMP unreachable and the like) must not take the process down.
      socket.on('error', () => undefined);
      const bound = socket.address();
      resolve({
        address: { host, port: bound.port },
        send: (datagram, destination) => socket.send(datagram, destination.port, destination.address),
        onDatagram: (handler) =>
          socket.on('message', (datagram, info) =>
            handler(datagram, { address: info.address, port: info.port }),
          ),
        close: () => new Promise((done) => socket.close(() => done())),
      });
    });
  });
}
