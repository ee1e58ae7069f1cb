import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { router } from '../core/router';
import { isPlainLeftClick, normalizePath } from '../core/router-fns';
import { useStore } from './use-store';

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** A path on this site, e.g. `/hilfe`. */
  to: string;
  /** Marks the link with `aria-current="page"` when its page is shown (for menus). */
  markCurrent?: boolean;
}

/** A real link (works with middle click, "open in new tab" and without JavaScript) that navigates in the app. */
export function Link({ to, markCurrent = false, onClick, ...rest }: LinkProps) {
  const { path } = useStore(router);
  const current = markCurrent && normalizePath(to) === path;
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (isPlainLeftClick(event) && !rest.target) {
      event.preventDefault();
      router.navigate(to);
    }
  };
  return <a {...rest} href={to} aria-current={current ? 'page' : undefined} onClick={handleClick} />;
}
