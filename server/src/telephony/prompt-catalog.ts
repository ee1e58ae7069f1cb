import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DialInLanguage } from './dial-in-port.js';
import type { G711 } from './sdp-fns.js';

/**
 * The spoken prompts. Their texts are in prompt-texts.json; scripts/build-prompts.mjs speaks them with
 * espeak-ng and converts them with sox to raw 8 kHz G.711 at build time: `<dir>/<lang>/<id>.<pcma|pcmu>`.
 */
export const PROMPT_IDS = [
  'welcome',
  'language_hint',
  'enter_meeting_id',
  'enter_pin',
  'wrong_entry',
  'no_input',
  'too_many_tries',
  'blocked',
  'waiting',
  'admitted',
  'first_participant',
  'muted_by_host',
  'unmuted_by_host',
  'self_muted',
  'self_unmuted',
  'self_unmute_refused',
  'meeting_ended',
  'removed',
  'e2ee_refused',
  'locked',
  'not_open',
  'full',
  'technical_problem',
  'goodbye',
] as const;

export type PromptId = (typeof PROMPT_IDS)[number];

const LANGUAGES: readonly DialInLanguage[] = ['de', 'en'];
const CODECS: readonly G711[] = ['pcma', 'pcmu'];

/** All prompts in memory (≈ 1 MB for both languages and codecs); read once at start. */
export class PromptLibrary {
  private constructor(private readonly audio: Map<string, Buffer>) {}

  /** Loads every prompt; rejects naming the first missing file (build with espeak-ng and sox installed). */
  static async load(dir: string): Promise<PromptLibrary> {
    const audio = new Map<string, Buffer>();
    for (const lang of LANGUAGES) {
      for (const id of PROMPT_IDS) {
        for (const codec of CODECS) {
          const file = path.join(dir, lang, `${id}.${codec}`);
          const data = await readFile(file).catch(() => {
            throw new Error(
              `Prompt ${lang}/${id}.${codec} is missing in ${dir}: run the server build with espeak-ng and sox installed`,
            );
          });
          audio.set(`${lang}/${id}.${codec}`, data);
        }
      }
    }
    return new PromptLibrary(audio);
  }

  /** A library from given buffers (unit tests: no files). */
  static fromBuffers(get: (lang: DialInLanguage, id: PromptId, codec: G711) => Buffer): PromptLibrary {
    const audio = new Map<string, Buffer>();
    for (const lang of LANGUAGES) {
      for (const id of PROMPT_IDS) {
        for (const codec of CODECS) {
          audio.set(`${lang}/${id}.${codec}`, get(lang, id, codec));
        }
      }
    }
    return new PromptLibrary(audio);
  }

  get(lang: DialInLanguage, id: PromptId, codec: G711): Buffer {
    return this.audio.get(`${lang}/${id}.${codec}`) ?? Buffer.alloc(0);
  }
}
