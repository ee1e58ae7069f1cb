/** Escapes text for HTML element content and attribute values. Every interpolated value goes through it. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Delay before retry number `attempt` (1 = after the first failure): base·2^(attempt−1), capped. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

export interface MailLayout {
  lang: 'de' | 'en';
  subject: string;
  greeting: string;
  /** Plain sentences; escaped for HTML. */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Sentences after the action, e.g. how long a link stays valid. */
  after?: string[];
  footer: { associationName: string; privacyLabel: string; privacyUrl: string };
}

/** Renders one message as plain text and as simple, escaped HTML (no remote images, no tracking). */
export function renderLayout(layout: MailLayout): { subject: string; text: string; html: string } {
  const after = layout.after ?? [];
  const text = [
    layout.greeting,
    ...layout.paragraphs,
    ...(layout.action ? [layout.action.url] : []),
    ...after,
    `-- \n${layout.footer.associationName}\n${layout.footer.privacyLabel}: ${layout.footer.privacyUrl}`,
  ].join('\n\n');

  const paragraph = (line: string) => `<p>${escapeHtml(line)}</p>`;
  const action = layout.action
    ? `<p><a href="${escapeHtml(layout.action.url)}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold">${escapeHtml(layout.action.label)}</a></p>` +
      `<p style="font-size:14px;color:#444444;word-break:break-all">${escapeHtml(layout.action.url)}</p>`
    : '';
  const html = [
    '<!doctype html>',
    `<html lang="${layout.lang}"><head><meta charset="utf-8"><title>${escapeHtml(layout.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#111111">',
    paragraph(layout.greeting),
    ...layout.paragraphs.map(paragraph),
    action,
    ...after.map(paragraph),
    `<hr><p style="font-size:14px;color:#444444">${escapeHtml(layout.footer.associationName)}<br>` +
      `<a href="${escapeHtml(layout.footer.privacyUrl)}">${escapeHtml(layout.footer.privacyLabel)}</a></p>`,
    '</body></html>',
  ].join('\n');

  return { subject: layout.subject, text, html };
}
