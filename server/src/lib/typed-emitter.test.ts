import { describe, expect, it } from 'vitest';
import { TypedEmitter } from './typed-emitter.js';

class Thing extends TypedEmitter<{ tick: [count: number]; done: [] }> {
  fire(count: number) {
    this.emit('tick', count);
  }
  finish() {
    this.emit('done');
  }
}

describe('TypedEmitter', () => {
  it('calls listeners with typed arguments; on() returns an unsubscribe; once() fires once', () => {
    const thing = new Thing();
    const seen: number[] = [];
    const off = thing.on('tick', (count) => void seen.push(count));
    thing.once('tick', (count) => void seen.push(count * 10));
    thing.fire(1);
    thing.fire(2);
    off();
    thing.fire(3);
    expect(seen).toEqual([1, 10, 2]);
    expect(thing.listenerCount('tick')).toBe(0);
  });

  it('keeps throwing and rejecting listeners from escaping, reports them, and still calls the others', async () => {
    const errors: Array<[unknown, string]> = [];
    const thing = new Thing((error, event) => errors.push([error, event]));
    let reached = false;
    thing.on('done', () => {
      throw new Error('sync bug');
    });
    thing.on('done', () => Promise.reject(new Error('async bug')));
    thing.on('done', () => {
      reached = true;
    });
    expect(() => thing.finish()).not.toThrow();
    await Promise.resolve();
    expect(reached).toBe(true);
    expect(errors.map(([error, event]) => `${event}:${(error as Error).message}`)).toEqual([
      'done:sync bug',
      'done:async bug',
    ]);
  });

  it('survives a failing error sink and removeAllListeners()', () => {
    const thing = new Thing(() => {
      throw new Error('sink broken');
    });
    thing.on('done', () => {
      throw new Error('bug');
    });
    expect(() => thing.finish()).not.toThrow();
    thing.removeAllListeners();
    expect(thing.listenerCount('done')).toBe(0);
  });
});
