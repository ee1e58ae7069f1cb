import type { Config } from '../config/config.js';
import { describeError, type Logger } from '../lib/logger.js';
import { TypedEmitter } from '../lib/typed-emitter.js';
import { MediaUnavailableError } from './errors.js';
import { JanusNode, type NodeStatus } from './janus-node.js';
import { EmbeddedJanus } from './janus-supervisor.js';

export { MediaUnavailableError } from './errors.js';

export interface MediaNodeStatus {
  name: string;
  status: NodeStatus;
}

export interface MediaPlaneOptions {
  logger: Logger;
  /** Runs after the nodes are closed (e.g. stopping the embedded Janus). */
  onClose?: () => Promise<void>;
}

/**
 * The Janus nodes this server uses. Features ask it for a node (`pick`) and never build URLs themselves.
 * Re-emits node `up`/`down` so that room logic can rebuild rooms after a Janus restart.
 */
export class MediaPlane extends TypedEmitter<{
  nodeUp: [JanusNode];
  nodeDown: [JanusNode, Error | undefined];
}> {
  private readonly members: readonly JanusNode[];
  private closing: Promise<void> | undefined;

  constructor(
    nodes: readonly JanusNode[],
    private readonly options: MediaPlaneOptions,
  ) {
    super((error, event) =>
      options.logger.error({ err: describeError(error), event }, 'media plane listener failed'),
    );
    this.members = nodes;
    for (const node of nodes) {
      node.on('up', () => this.emit('nodeUp', node));
      node.on('down', (error) => this.emit('nodeDown', node, error));
    }
  }

  /** Name and state of each node, for /healthz (no addresses). */
  nodes(): MediaNodeStatus[] {
    return this.members.map((node) => ({ name: node.name, status: node.status() }));
  }

  /** The node objects themselves, for room placement and rebuilding. */
  list(): readonly JanusNode[] {
    return this.members;
  }

  /** A node that is up (the first one, for now; placement by load comes with rooms). */
  pick(): JanusNode {
    const node = this.members.find((candidate) => candidate.status() === 'up');
    if (!node || this.closing) {
      throw new MediaUnavailableError();
    }
    return node;
  }

  /** Closes every node (and their sessions), then runs `onClose`. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.removeAllListeners();
      await Promise.all(this.members.map((node) => node.close()));
      await this.options.onClose?.();
    })();
    return this.closing;
  }
}

export interface StartMediaPlaneDeps {
  dataDir: string;
  logger: Logger;
  /** How long to wait for external nodes before starting anyway (health then reports them down). */
  connectTimeoutMs?: number;
}

/**
 * Builds the media plane from the configuration. Embedded mode: spawns and supervises a local Janus and wraps
 * it in one node named `embedded` (fails with a clear message when Janus is not installed). External mode:
 * one node per JANUS_URLS entry, named `janus-1`, `janus-2`…; the server starts even if none answers yet.
 */
export async function startMediaPlane(
  config: Config['janus'],
  deps: StartMediaPlaneDeps,
): Promise<MediaPlane> {
  const { logger } = deps;
  const connectTimeoutMs = deps.connectTimeoutMs ?? 5_000;
  if (config.mode === 'external') {
    const nodes = config.urls.map(
      (url, index) => new JanusNode({ name: `janus-${index + 1}`, url, apiSecret: config.apiSecret, logger }),
    );
    nodes.forEach((node) => node.start());
    if (!(await anyNodeUp(nodes, connectTimeoutMs))) {
      logger.warn(
        { nodes: nodes.length },
        'no Janus node answered yet; media stays unavailable until one does',
      );
    }
    return new MediaPlane(nodes, { logger });
  }

  const janus = new EmbeddedJanus({
    binary: config.binary,
    dataDir: deps.dataDir,
    rtpPortRange: config.rtpPortRange,
    iceEnforceList: config.iceEnforceList,
    publicIp: config.publicIp,
    logger,
  });
  await janus.start();
  const node = new JanusNode({
    name: 'embedded',
    url: janus.url,
    apiSecret: janus.apiSecret,
    adminKey: janus.adminKey,
    logger,
    // Janus restarts locally in about a second; do not let the backoff add more than that.
    reconnectMaxMs: 1_000,
  });
  janus.on('up', () => node.reconnectNow());
  node.start();
  if (!(await node.waitUntilUp(connectTimeoutMs))) {
    logger.warn('the embedded Janus started but its node did not connect yet');
  }
  return new MediaPlane([node], {
    logger,
    onClose: async () => {
      await janus.stop();
    },
  });
}

/** Resolves true as soon as one node is up, false once every node has waited `timeoutMs` in vain. */
function anyNodeUp(nodes: readonly JanusNode[], timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let waiting = nodes.length;
    if (waiting === 0) {
      resolve(false);
    }
    for (const node of nodes) {
      void node.waitUntilUp(timeoutMs).then((up) => {
        waiting -= 1;
        if (up || waiting === 0) {
          resolve(up);
        }
      });
    }
  });
}
