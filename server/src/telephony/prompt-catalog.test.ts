import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PROMPT_IDS } from './prompt-catalog.js';

describe('prompt texts', () => {
  it('has a German and an English text for every prompt the menu plays, and nothing else', async () => {
    const texts = JSON.parse(
      await readFile(new URL('./prompt-texts.json', import.meta.url), 'utf8'),
    ) as Record<string, Record<string, unknown>>;
    expect(Object.keys(texts).sort()).toEqual([...PROMPT_IDS].sort());
    for (const byLang of Object.values(texts)) {
      expect(Object.keys(byLang).sort()).toEqual(['de', 'en']);
    }
    expect(JSON.stringify(texts.enter_meeting_id)).toContain(
      'Bitte geben Sie die Meeting-ID ein, gefolgt von der Raute',
    );
  });
});
