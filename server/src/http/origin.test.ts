import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './origin.js';

describe('isSameOrigin', () => {
  it('accepts the Host the browser used when no BASE_URL is set', () => {
    expect(isSameOrigin('http://localhost:8080', 'localhost:8080', undefined)).toBe(true);
    expect(isSameOrigin('http://evil.example', 'localhost:8080', undefined)).toBe(false);
    expect(isSameOrigin(undefined, 'localhost:8080', undefined)).toBe(false);
    expect(isSameOrigin('null', 'localhost:8080', undefined)).toBe(false);
  });

  it('accepts only the BASE_URL origin when set', () => {
    expect(isSameOrigin('https://treffen.example.org', 'internal:8080', 'https://treffen.example.org')).toBe(
      true,
    );
    expect(
      isSameOrigin('http://treffen.example.org', 'treffen.example.org', 'https://treffen.example.org'),
    ).toBe(false);
  });
});
