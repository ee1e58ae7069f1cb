import { normalizePath } from './router-fns';
import { Store } from './store';

export interface RouterState {
  /** Current path, normalised (no trailing slash). */
  path: string;
  /** Current query string including the `?`, or ''. */
  search: string;
  /**
   * Counts navigations inside the app: 0 on the first page load. Pages move focus to their heading only when it is
   * above 0, so the first load starts at the top of the document (where the skip link is).
   */
  navigation: number;
}

/** A tiny client-side router on the history API. */
export class HistoryRouter extends Store<RouterState> {
  constructor(private readonly win: Window) {
    super({ path: normalizePath(win.location.pathname), search: win.location.search, navigation: 0 });
    win.addEventListener('popstate', () => {
      const path = normalizePath(win.location.pathname);
      const search = win.location.search;
      // Fragment links (the skip link) also fire popstate; only a new path or query is a new page.
      const { path: oldPath, search: oldSearch, navigation } = this.getSnapshot();
      if (path !== oldPath || search !== oldSearch) {
        this.setState({ path, search, navigation: navigation + 1 });
      }
    });
  }

  /** Goes to `to` (a path on this site, optionally with query and hash) and adds a history entry. */
  navigate(to: string): void {
    const url = new URL(to, this.win.location.href);
    if (url.origin !== this.win.location.origin) {
      this.win.location.assign(url.href);
      return;
    }
    this.win.history.pushState(null, '', `${url.pathname}${url.search}${url.hash}`);
    this.win.scrollTo(0, 0);
    this.setState({
      path: normalizePath(url.pathname),
      search: url.search,
      navigation: this.getSnapshot().navigation + 1,
    });
  }

  /**
   * Shows `to` instead of the current page without a new history entry (a redirect, e.g. to the login page).
   * Counts as part of the navigation that led here, so focus handling stays as it was.
   */
  replace(to: string): void {
    const url = new URL(to, this.win.location.href);
    if (url.origin !== this.win.location.origin) {
      this.win.location.replace(url.href);
      return;
    }
    this.win.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    this.setState({ path: normalizePath(url.pathname), search: url.search });
  }

  /** Removes the fragment (e.g. a one-time token) from the address bar and the history entry. */
  clearHash(): void {
    const { pathname, search, hash } = this.win.location;
    if (hash !== '') {
      this.win.history.replaceState(this.win.history.state, '', `${pathname}${search}`);
    }
  }
}

export const router = new HistoryRouter(window);
