import { LinkifiedText } from '../../ui/LinkifiedText';

/**
 * A chat message's text: React text nodes (direction overrides shown as codes), links only for http(s) addresses
 * (opened in a new tab without access to this page). No markup from the message ever reaches the DOM.
 */
export function ChatMessageText({ text }: { text: string }) {
  return (
    <p className="chat-text" dir="auto">
      <LinkifiedText text={text} />
    </p>
  );
}
