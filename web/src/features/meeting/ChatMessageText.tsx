import { linkify, showBidiControls } from '../../core/meeting/chat-fns';

/**
 * A chat message's text: React text nodes (direction overrides shown as codes), and links only for http(s) addresses (opened in a new tab without
 * access to this page). No markup from the message ever reaches the DOM.
 */
export function ChatMessageText({ text }: { text: string }) {
  return (
    <p className="chat-text" dir="auto">
      {linkify(showBidiControls(text)).map((segment, index) =>
        segment.kind === 'link' ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
