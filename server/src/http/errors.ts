/**
 * Typed application errors. Services throw these; the HTTP error handler and the signalling layer map them to
 * the one wire shape `{ error, message, requestId }`. `message` is for people (English; the web app translates
 * by `error` code), never containing personal data.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(code, 400, message, details);
export const unauthorized = (message = 'Please log in.') => new AppError('unauthorized', 401, message);
export const forbidden = (message = 'You may not do this.') => new AppError('forbidden', 403, message);
/** Also used for resources of another organisation, so that their existence is not revealed. */
export const notFound = (what: string) =>
  new AppError(`${what}_not_found`, 404, `The ${what.replace(/_/g, ' ')} was not found.`);
export const conflict = (code: string, message: string) => new AppError(code, 409, message);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 429, 'Too many attempts. Please wait a moment and try again.', {
    retryAfterSeconds,
  });

export interface WireError {
  error: string;
  message: string;
  requestId: string;
  details?: Record<string, unknown>;
}
