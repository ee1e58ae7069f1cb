/** Removes a trailing slash (except for the root) so `/hilfe/` and `/hilfe` are the same page. */
export function normalizePath(pathname: string): string {
  const path = pathname.startsWith('/') ? pathname : `/${pathname}`;
  return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path;
}

/** True when a click should be left to the browser (new tab, download, modified click). */
export function isPlainLeftClick(event: {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
}): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey
  );
}

/**
 * Matches a path against a pattern with `:name` segments and an optional trailing `/*` (any rest, or none).
 * Returns the decoded parameters, or undefined when the path does not match.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const wildcard = pattern.endsWith('/*');
  const patternParts = (wildcard ? pattern.slice(0, -2) : pattern).split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  if (wildcard ? pathParts.length < patternParts.length : pathParts.length !== patternParts.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}
