import { useEffect, useRef, useState, type ReactNode } from 'react';
import { flash } from '../core/flash';

/**
 * A success message that replaces the form it confirms. It takes focus when shown (the button that was focused
 * is gone), so keyboard and screen reader users land on it and hear it.
 */
export function DoneNotice({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // After the page's own effects (which focus its heading after a navigation).
    const frame = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <div ref={ref} className="status status-ok done-notice" role="status" tabIndex={-1}>
      {children}
    </div>
  );
}

/** The message another page left for this one (core/flash.ts), shown once as a DoneNotice. */
export function FlashNotice() {
  const [message] = useState(() => flash.peek());
  useEffect(() => {
    flash.clear();
  }, []);
  return message === undefined ? null : (
    <DoneNotice>
      <p>{message}</p>
    </DoneNotice>
  );
}
