import { buildQuery, invalidFields, isWireError, parseRetryAfter, type QueryValue } from './api-fns';

/**
 * A failed request: `code` is the server's stable error code (`invalid_credentials`, `rate_limited`, …), or
 * `network_error` when the server could not be reached, `bad_response` when the answer made no sense.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: string,
    readonly status: number,
    options: {
      /** Seconds to wait before trying again (429). */
      retryAfter?: number | undefined;
      requestId?: string | undefined;
      /** Fields a 400 `validation_failed` names. */
      fields?: string[];
    } = {},
  ) {
    super(code);
    this.retryAfter = options.retryAfter;
    this.requestId = options.requestId;
    this.fields = options.fields ?? [];
  }

  readonly retryAfter: number | undefined;
  readonly requestId: string | undefined;
  readonly fields: string[];
}

/** Any error as an ApiError, so that pages have one kind of failure to present. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  return new ApiError('unexpected', 0);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `x-invitation-token` (a personal link's token never goes into a URL query). */
  headers?: Record<string, string>;
}

/**
 * JSON over fetch for `/api`. State-changing requests carry the session's CSRF token as `x-csrf-token` (the
 * browser adds Origin itself). A 401 `unauthorized` tells the session store that the session has ended.
 */
export class ApiClient {
  private csrfToken: string | undefined;
  private unauthorizedHandler: (() => void) | undefined;
  private csrfRefresher: (() => Promise<void>) | undefined;

  constructor(private readonly fetcher: typeof fetch = (...args) => fetch(...args)) {}

  setCsrfToken(token: string | undefined): void {
    this.csrfToken = token;
  }

  onUnauthorized(handler: () => void): void {
    this.unauthorizedHandler = handler;
  }

  /** Called once when the server refuses the CSRF token (the session changed in another tab); then retried. */
  onCsrfFailed(refresh: () => Promise<void>): void {
    this.csrfRefresher = refresh;
  }

  get<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T = void>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body: body ?? {} });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }

  async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    try {
      return await this.send<T>(method, path, options);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'csrf_failed' && this.csrfRefresher) {
        await this.csrfRefresher();
        return this.send<T>(method, path, options);
      }
      throw error;
    }
  }

  private async send<T>(method: Method, path: string, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    if (method !== 'GET' && this.csrfToken !== undefined) {
      headers['x-csrf-token'] = this.csrfToken;
    }
    let response: Response;
    try {
      response = await this.fetcher(`${path}${buildQuery(options.query ?? {})}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: options.signal ?? null,
      });
    } catch (error) {
      if (isAbort(error)) {
        throw error;
      }
      throw new ApiError('network_error', 0);
    }
    const body = await readBody(response);
    if (!response.ok) {
      const wire = isWireError(body) ? body : undefined;
      const error = new ApiError(wire?.error ?? 'unknown_error', response.status, {
        retryAfter: parseRetryAfter(response.headers.get('retry-after')),
        requestId: wire?.requestId,
        fields: invalidFields(wire?.details),
      });
      if (error.code === 'unauthorized') {
        this.unauthorizedHandler?.();
      }
      throw error;
    }
    return body as T;
  }
}

async function readBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 204 || !type.includes('json')) {
    return undefined;
  }
  const text = await response.text();
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('bad_response', response.status);
  }
}

/** The app's one API client. */
export const api = new ApiClient();
