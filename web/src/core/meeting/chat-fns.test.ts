import { describe, expect, it } from 'vitest';
import { mergeMessages } from './chat-fns';

describe('mergeMessages', () => {
  it('keeps seq order and each message once', () => {
    const a = { messageId: 'a', seq: 1 };
    const b = { messageId: 'b', seq: 2 };
    const c = { messageId: 'c', seq: 3 };
    expect(mergeMessages([a, c], [b, c])).toEqual([a, b, c]);
  });
});
