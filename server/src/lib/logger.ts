import type { FastifyBaseLogger } from 'fastify';
import { pino, type LoggerOptions } from 'pino';

/** The logger type used across the server (a pino logger, as Fastify sees it). */
export type Logger = FastifyBaseLogger;

/**
 * Path segments that look like secrets (invitation tokens, reset links) are replaced before a URL is logged,
 * and the query string is dropped: both can carry tokens or emails.
 */
export function redactUrl(url: string): string {
  const pathOnly = url.split('?')[0] ?? '';
  return pathOnly
    .split('/')
    .map((segment) => (secretSegment.test(segment) || segment.includes('@') ? ':redacted' : segment))
    .join('/');
}

/** A token-like path segment, possibly with a file extension (a calendar feed's `<token>.ics`). */
const secretSegment = /^[A-Za-z0-9_-]{16,}(?:\.[A-Za-z0-9]{1,8})?$/;

const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const ipv4Pattern = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
// Full form (eight groups) or any compressed form containing "::".
const ipv6Pattern =
  /(?:\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b)|(?:[0-9a-f]{0,4}(?::[0-9a-f]{1,4})*::(?:[0-9a-f]{1,4}:)*[0-9a-f]{0,4})/gi;

/** Removes emails and IP addresses from free text (error messages from drivers can quote values). */
export function scrubText(text: string): string {
  return text.replace(emailPattern, '[email]').replace(ipv4Pattern, '[ip]').replace(ipv6Pattern, '[ip]');
}

/** A loggable summary of an unknown error: name, code and a scrubbed, shortened message. */
export function describeError(error: unknown): { name: string; code?: string; message: string } {
  const candidate = error as { name?: unknown; code?: unknown; message?: unknown } | null;
  const name = typeof candidate?.name === 'string' ? candidate.name : 'Error';
  const code = typeof candidate?.code === 'string' ? candidate.code : undefined;
  const message =
    typeof candidate?.message === 'string' ? scrubText(candidate.message).slice(0, 300) : String(error);
  return code ? { name, code, message } : { name, message };
}

/**
 * pino options that keep personal data out of logs: no IP addresses, headers, cookies, bodies, tokens or
 * emails. Requests are logged as method, redacted path, status and duration only.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: undefined,
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url ?? ''),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    redact: {
      paths: [
        '*.password',
        '*.token',
        '*.email',
        '*.ip',
        '*.remoteAddress',
        '*.headers',
        '*.cookie',
        '*.authorization',
        'email',
        'token',
        'ip',
      ],
      censor: '[redacted]',
    },
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
