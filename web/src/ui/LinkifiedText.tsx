import { linkify } from './linkify-fns';

/**
 * A plain-text message as React text nodes, with only http(s) links made clickable (they open in a new tab with
 * no access back to this page). Line breaks are kept by CSS (`white-space: pre-wrap` on `.plain-text`).
 */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <span className="plain-text" dir="auto">
      {linkify(text).map((piece, index) =>
        piece.kind === 'link' ? (
          <a key={index} href={piece.href} target="_blank" rel="noopener noreferrer">
            {piece.text}
          </a>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </span>
  );
}
