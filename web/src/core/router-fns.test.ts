import { describe, expect, it } from 'vitest';
import { isPlainLeftClick, matchPath, normalizePath } from './router-fns';

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

describe('matchPath', () => {
  it('matches fixed segments and names parameters', () => {
    expect(matchPath('/admin', '/admin')).toEqual({});
    expect(matchPath('/admin/organisationen/:id', '/admin/organisationen/abc-1')).toEqual({ id: 'abc-1' });
    expect(matchPath('/admin/organisationen/:id', '/admin/organisationen')).toBeUndefined();
    expect(matchPath('/admin', '/administration')).toBeUndefined();
    expect(matchPath('/a/:x', '/a/%E2%9C%93')).toEqual({ x: '✓' });
    expect(matchPath('/a/:x', '/a/%E2')).toBeUndefined();
  });
  it('matches the rest with a trailing /*, including nothing', () => {
    expect(matchPath('/admin/*', '/admin')).toEqual({});
    expect(matchPath('/admin/*', '/admin/protokoll')).toEqual({});
    expect(matchPath('/admin/*', '/adminx')).toBeUndefined();
    expect(matchPath('/', '/')).toEqual({});
  });
});
