import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { router } from '../core/router';
import { isPlainLeftClick, normalizePath } from '../core/router-fns';
import { useStore } from './use-store';

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** A path on this site, e.g. `/hilfe`. */
  to: string;
  /** Marks the link with `aria-current="page"` when its page is shown (for menus). */
  markCurrent?: boolean;
  /** With `markCurrent`: also marks the link on pages below it (`/admin/…`), as `aria-current="true"`. */
  markSection?: boolean;
}

/** A real link (works with middle click, "open in new tab" and without JavaScript) that navigates in the app. */
export function Link({ to, markCurrent = false, markSection = false, onClick, ...rest }: LinkProps) {
  const { path } = useStore(router);
  const target = normalizePath(to.split(/[?#]/)[0] ?? to);
  const current = !markCurrent
    ? undefined
    : target === path
      ? 'page'
      : markSection && path.startsWith(`${target}/`)
        ? 'true'
        : undefined;
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (isPlainLeftClick(event) && !rest.target) {
      event.preventDefault();
      router.navigate(to);
    }
  };
  return <a {...rest} href={to} aria-current={current} onClick={handleClick} />;
}
