import { createLogger, type Logger } from '../../lib/logger.js';

export interface CapturedLog {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** A real pino logger whose lines are kept in memory, so tests can assert what was (not) logged. */
export function captureLogs(level = 'debug'): { logger: Logger; lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const logger = createLogger(level, {
    write: (line: string) => void lines.push(JSON.parse(line) as CapturedLog),
  });
  return { logger, lines };
}

/** Polls `predicate` every 10 ms until it holds or `timeoutMs` passes. */
export async function until(predicate: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
