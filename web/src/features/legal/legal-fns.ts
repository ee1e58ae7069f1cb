/**
 * Plain text as paragraphs: split at empty lines, trimmed, empty ones dropped. Single line breaks stay inside a
 * paragraph (shown with `white-space: pre-line`). The text is rendered as text, never as HTML.
 */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}
