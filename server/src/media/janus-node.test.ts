import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JanusClosedError, JanusError, MediaUnavailableError } from './errors.js';
import { JanusNode, type JanusNodeOptions } from './janus-node.js';
import { FakeJanus } from './test/fake-janus.js';
import { captureLogs, until } from './test/log-capture.js';

describe('JanusNode against a fake Janus', () => {
  let janus: FakeJanus;
  const nodes: JanusNode[] = [];
  const { logger } = captureLogs();

  const makeNode = (options: Partial<JanusNodeOptions> = {}) => {
    const node = new JanusNode({
      name: 'test',
      url: options.url ?? janus.url,
      apiSecret: janus.apiSecret,
      logger,
      reconnectMinMs: 20,
      reconnectMaxMs: 100,
      ...options,
    });
    nodes.push(node);
    node.start();
    return node;
  };

  beforeEach(async () => {
    janus = await FakeJanus.start();
  });
  afterEach(async () => {
    await Promise.all(nodes.splice(0).map((node) => node.close()));
    await janus.close();
  });

  it('comes up after proving the api secret, and creates sessions', async () => {
    const node = makeNode();
    expect(node.status()).toBe('down');
    expect(await node.waitUntilUp(2_000)).toBe(true);
    expect(janus.requestsOf('create')).toHaveLength(1);
    expect(janus.requestsOf('destroy')).toHaveLength(1);
    const session = await node.createSession();
    expect(session.id).toBeGreaterThan(0);
  });

  it('goes down at once when the socket drops, rejects pending work, and comes back', async () => {
    const node = makeNode();
    await node.waitUntilUp(2_000);
    const session = await node.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    const downs: Array<Error | undefined> = [];
    node.on('down', (error) => void downs.push(error));
    const pending = handle.message({ silent: true }, undefined, { timeoutMs: 10_000 });
    await until(() => janus.requestsOf('message').length === 1);
    janus.dropConnections();
    await expect(pending).rejects.toBeInstanceOf(JanusClosedError);
    expect(node.status()).toBe('down');
    expect(downs).toHaveLength(1);
    expect(node.lastError).toBeInstanceOf(JanusClosedError);
    expect(session.closed).toBe(true);
    await expect(node.createSession()).rejects.toBeInstanceOf(MediaUnavailableError);
    expect(await node.waitUntilUp(2_000)).toBe(true);
    expect(node.lastError).toBeUndefined();
  });

  it('goes down when a ping is not answered in time, and recovers once Janus answers again', async () => {
    const node = makeNode({ pingIntervalMs: 30, pingTimeoutMs: 50 });
    await node.waitUntilUp(2_000);
    const down = new Promise<Error | undefined>((resolve) => node.once('down', resolve));
    janus.silent = true;
    const started = Date.now();
    expect(await down).toMatchObject({ name: 'JanusTimeoutError' });
    expect(Date.now() - started).toBeLessThan(1_000);
    janus.silent = false;
    expect(await node.waitUntilUp(2_000)).toBe(true);
  });

  it('stays down with a JanusError when the api secret is wrong', async () => {
    const node = makeNode({ apiSecret: 'wrong-secret-0123456789' });
    expect(await node.waitUntilUp(200)).toBe(false);
    expect(node.lastError).toBeInstanceOf(JanusError);
    expect((node.lastError as JanusError).code).toBe(403);
  });

  it('keeps retrying an unreachable node, and close() stops it quietly', async () => {
    const url = janus.url;
    await janus.close();
    const node = makeNode({ url });
    await until(() => node.lastError instanceof JanusClosedError);
    let downs = 0;
    node.on('down', () => {
      downs++;
    });
    await node.close();
    await node.close();
    expect(node.status()).toBe('down');
    expect(downs).toBe(0);
  });
});
