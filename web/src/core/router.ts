import { normalizePath } from './router-fns';
import { Store } from './store';

export interface RouterState {
  /** Current path, normalised (no trailing slash). */
  path: string;
  /**
   * Counts navigations inside the app: 0 on the first page load. Pages move focus to their heading only when it is
   * above 0, so the first load starts at the top of the document (where the skip link is).
   */
  navigation: number;
}

/** A tiny client-side router on the history API. */
export class HistoryRouter extends Store<RouterState> {
  constructor(private readonly win: Window) {
    super({ path: normalizePath(win.location.pathname), navigation: 0 });
    win.addEventListener('popstate', () => {
      const path = normalizePath(win.location.pathname);
      // Fragment links (the skip link) also fire popstate; only a new path is a new page.
      if (path !== this.getSnapshot().path) {
        this.setState({ path, navigation: this.getSnapshot().navigation + 1 });
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
    this.setState({ path: normalizePath(url.pathname), navigation: this.getSnapshot().navigation + 1 });
  }
}

export const router = new HistoryRouter(window);
