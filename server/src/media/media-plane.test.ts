import { afterEach, describe, expect, it } from 'vitest';
import { MediaUnavailableError } from './errors.js';
import { JanusNode } from './janus-node.js';
import { MediaPlane, startMediaPlane } from './media-plane.js';
import { FakeJanus } from './test/fake-janus.js';
import { captureLogs, until } from './test/log-capture.js';

describe('MediaPlane', () => {
  const fakes: FakeJanus[] = [];
  const { logger } = captureLogs();
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((fake) => fake.close()));
  });

  it('reports each node, picks one that is up and throws MediaUnavailableError when none is', async () => {
    const unreachable = await FakeJanus.start();
    const unreachableUrl = unreachable.url;
    await unreachable.close();
    const live = await FakeJanus.start('external-secret-0123');
    fakes.push(live);

    const plane = await startMediaPlane(
      { mode: 'external', urls: [unreachableUrl, live.url], apiSecret: live.apiSecret },
      { dataDir: '/nonexistent', logger, connectTimeoutMs: 2_000 },
    );
    expect(plane.nodes()).toEqual([
      { name: 'janus-1', status: 'down' },
      { name: 'janus-2', status: 'up' },
    ]);
    expect(plane.pick().name).toBe('janus-2');

    const downs: string[] = [];
    plane.on('nodeDown', (node) => void downs.push(node.name));
    live.dropConnections();
    await until(() => downs.length === 1);
    expect(downs).toEqual(['janus-2']);
    expect(() => plane.pick()).toThrow(MediaUnavailableError);

    await plane.close();
    await plane.close();
    expect(plane.nodes().every((node) => node.status === 'down')).toBe(true);
  });

  it('starts even when no node answers, and runs onClose once', async () => {
    let closes = 0;
    const node = new JanusNode({ name: 'n', url: 'ws://127.0.0.1:1', apiSecret: 'x'.repeat(16), logger });
    const plane = new MediaPlane([node], {
      logger,
      onClose: () => {
        closes++;
        return Promise.resolve();
      },
    });
    node.start();
    expect(plane.nodes()).toEqual([{ name: 'n', status: 'down' }]);
    expect(() => plane.pick()).toThrow(MediaUnavailableError);
    await Promise.all([plane.close(), plane.close()]);
    expect(closes).toBe(1);
  });
});
