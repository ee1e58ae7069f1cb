const key = 'treffpunkt.displayName';

/**
 * The name used last in this tab, to fill in the pre-join form again after a reload or "join again". Kept in
 * sessionStorage only: on a shared computer the next person does not find it.
 */
export function rememberedName(): string {
  try {
    return window.sessionStorage.getItem(key)?.slice(0, 80) ?? '';
  } catch {
    return '';
  }
}

export function rememberName(name: string): void {
  try {
    window.sessionStorage.setItem(key, name);
  } catch {
    // Storage disabled: the form starts empty next time.
  }
}
