import type { z } from 'zod';
import { badRequest } from './errors.js';

/** Parses untrusted input with a zod schema; a failure becomes a 400 `validation_failed` naming the fields. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw badRequest('validation_failed', 'Some fields are missing or invalid.', {
      fields: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return result.data;
}
