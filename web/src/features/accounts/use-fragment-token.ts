import { useEffect, useState } from 'react';
import { router } from '../../core/router';
import { parseFragmentToken } from './account-fns';

/**
 * The one-time token of a link in a mail (`/account/…#token=…`). Read once, then removed from the address bar,
 * so it is neither bookmarked, shared by copying the address, nor left in the history.
 */
export function useFragmentToken(): string | undefined {
  const [token] = useState(() => parseFragmentToken(window.location.hash));
  useEffect(() => {
    router.clearHash();
  }, []);
  return token;
}
