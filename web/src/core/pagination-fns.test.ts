import { describe, expect, it } from 'vitest';
import { offsetOfPage, pageCount, summarisePage } from './pagination-fns';

describe('pageCount', () => {
  it('is at least one page', () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(25, 25)).toBe(1);
    expect(pageCount(26, 25)).toBe(2);
    expect(pageCount(10, 0)).toBe(10);
  });
});

describe('offsetOfPage', () => {
  it('turns a 1-based page into an offset, clamped to the pages there are', () => {
    expect(offsetOfPage(1, 25)).toBe(0);
    expect(offsetOfPage(3, 25)).toBe(50);
    expect(offsetOfPage(0, 25)).toBe(0);
    expect(offsetOfPage(9, 25, 60)).toBe(50);
  });
});

describe('summarisePage', () => {
  it('describes the window shown', () => {
    expect(summarisePage({ offset: 25, limit: 25, total: 60 })).toEqual({
      page: 2,
      pages: 3,
      from: 26,
      to: 50,
      total: 60,
      hasPrevious: true,
      hasNext: true,
    });
    expect(summarisePage({ offset: 50, limit: 25, total: 60 })).toMatchObject({
      from: 51,
      to: 60,
      hasNext: false,
    });
  });
  it('handles an empty list and an offset beyond the end', () => {
    expect(summarisePage({ offset: 0, limit: 25, total: 0 })).toMatchObject({
      page: 1,
      pages: 1,
      from: 0,
      to: 0,
      hasPrevious: false,
      hasNext: false,
    });
    expect(summarisePage({ offset: 100, limit: 25, total: 30 })).toMatchObject({
      page: 2,
      pages: 2,
      hasNext: false,
    });
  });
});
