/** The one wire shape of every error the server answers (server/src/http/errors.ts). */
export interface WireError {
  error: string;
  message?: string;
  requestId?: string;
  details?: Record<string, unknown>;
}

export function isWireError(body: unknown): body is WireError {
  return typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string';
}

/** Seconds to wait from a `Retry-After` header (delta seconds or an HTTP date), or undefined. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') {
    return undefined;
  }
  const value = header.trim();
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  const date = Date.parse(value);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export type QueryValue = string | number | boolean | undefined | null;

/** `?a=1&b=x` from the defined, non-empty values (in the given order), or '' when there are none. */
export function buildQuery(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** Field paths a 400 `validation_failed` names in `details.fields`, e.g. `['name', 'dialInNumbers.0.number']`. */
export function invalidFields(details: Record<string, unknown> | undefined): string[] {
  const fields = details?.fields;
  if (!Array.isArray(fields)) {
    return [];
  }
  return fields
    .map((field: unknown) =>
      typeof field === 'object' && field !== null ? (field as { path?: unknown }).path : undefined,
    )
    .filter((path): path is string => typeof path === 'string');
}
