import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from '../../../lib/logger.js';
import { JanusNode } from '../../janus-node.js';
import { EmbeddedJanus } from '../../janus-supervisor.js';

/**
 * The real Janus 1.1.2 as the embedded mode runs it (media on loopback only), with a node that reconnects
 * when the supervisor restarts it. Each test file passes its own port range: files run in parallel.
 */
export async function startEmbeddedNode(options: { rtpPortRange: string; logger: Logger }): Promise<{
  janus: EmbeddedJanus;
  node: JanusNode;
  /** A private temporary folder, removed by `stop`. */
  dir: string;
  stop: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'treffpunkt-rooms-'));
  const { logger } = options;
  const janus = new EmbeddedJanus({
    binary: 'janus',
    dataDir: dir,
    rtpPortRange: options.rtpPortRange,
    iceEnforceList: 'lo',
    logger,
  });
  await janus.start();
  const node = new JanusNode({
    name: 'embedded',
    url: janus.url,
    apiSecret: janus.apiSecret,
    adminKey: janus.adminKey,
    logger,
    reconnectMaxMs: 500,
  });
  janus.on('up', () => node.reconnectNow());
  node.start();
  if (!(await node.waitUntilUp(5_000))) {
    throw new Error('the embedded Janus did not come up');
  }
  return {
    janus,
    node,
    dir,
    stop: async () => {
      await node.close();
      await janus.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
