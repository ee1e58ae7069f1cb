import { describe, expect, it } from 'vitest';
import { isPlainLeftClick, normalizePath } from './router-fns';

describe('normalizePath', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['/hilfe', '/hilfe'],
    ['/hilfe/', '/hilfe'],
    ['/test//', '/test'],
    ['//', '/'],
  ])('%j becomes %j', (input, output) => {
    expect(normalizePath(input)).toBe(output);
  });
});

describe('isPlainLeftClick', () => {
  const plain = {
    button: 0,
    metaKey: false,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    defaultPrevented: false,
  };
  it('handles only unmodified left clicks', () => {
    expect(isPlainLeftClick(plain)).toBe(true);
    expect(isPlainLeftClick({ ...plain, ctrlKey: true })).toBe(false);
    expect(isPlainLeftClick({ ...plain, metaKey: true })).toBe(false);
    expect(isPlainLeftClick({ ...plain, button: 1 })).toBe(false);
    expect(isPlainLeftClick({ ...plain, defaultPrevented: true })).toBe(false);
  });
});
