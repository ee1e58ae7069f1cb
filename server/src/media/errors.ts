/**
 * Typed errors of the media plane. The signalling layer maps them by `name` (see
 * features/signalling/signalling-connection.ts): JanusError / JanusClosedError / JanusTimeoutError →
 * `media_failed`, MediaUnavailableError → `media_unavailable`. Messages never contain SDP, secrets or addresses.
 */

/** Janus answered with an error: a core error (`janus: "error"`) or a plugin error (`error_code` in plugindata). */
export class JanusError extends Error {
  constructor(
    /** Janus core codes are 4xx (e.g. 458 no such session); plugin codes are plugin-specific (e.g. 411 echotest). */
    readonly code: number,
    readonly reason: string,
    /** `core` for Janus API errors, otherwise the plugin package (e.g. `janus.plugin.echotest`). */
    readonly source: string = 'core',
  ) {
    super(`Janus ${source} error ${code}: ${reason}`);
    this.name = 'JanusError';
  }
}

/** The channel to Janus is closed (or closed while the request was pending). */
export class JanusClosedError extends Error {
  constructor(message = 'The connection to Janus is closed', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JanusClosedError';
  }
}

/** Janus did not answer a request in time. */
export class JanusTimeoutError extends Error {
  constructor(
    readonly request: string,
    readonly timeoutMs: number,
  ) {
    super(`Janus did not answer "${request}" within ${timeoutMs} ms`);
    this.name = 'JanusTimeoutError';
  }
}

/** No Janus node is up to take the work. */
export class MediaUnavailableError extends Error {
  constructor(message = 'No media server is available') {
    super(message);
    this.name = 'MediaUnavailableError';
  }
}

/** The embedded Janus could not be started (binary missing, bad config, no answer in time). */
export class JanusStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JanusStartError';
  }
}
