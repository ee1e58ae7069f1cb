/**
 * Whether a browser request's Origin is our own. With BASE_URL set, only its origin counts; without it
 * (embedded default) the Host header the browser used must match the Origin.
 */
export function isSameOrigin(
  origin: string | undefined,
  host: string | undefined,
  baseUrl: string | undefined,
): boolean {
  if (!origin) {
    return false;
  }
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (baseUrl) {
    return parsed.origin === new URL(baseUrl).origin;
  }
  return (
    host !== undefined &&
    parsed.host === host &&
    (parsed.protocol === 'http:' || parsed.protocol === 'https:')
  );
}
