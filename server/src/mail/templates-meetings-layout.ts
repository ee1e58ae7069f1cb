import { escapeHtml } from './mail-fns.js';
import type { Branding, RenderedMail } from './mail-templates.js';
import type { MeetingPhrases } from './templates-meetings-text.js';

/** Unicode bidirectional controls: a title could use them to make a subject or line read differently. */
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** User text for a mail body: no bidi controls, no control characters but line breaks and tabs. */
export function cleanMailText(text: string, max = 4000): string {
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(bidiControls, '')
    .replace(/[^\P{Cc}\n\t]/gu, '');
  return Array.from(cleaned).slice(0, max).join('').trim();
}

/**
 * A header value (the subject): one line, no control, line- or paragraph-separator or bidi characters,
 * at most `max` code points. Nodemailer encodes what is left; nothing can start a new header.
 */
export function headerSafe(text: string, max = 200): string {
  const line = text
    .replace(bidiControls, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const points = Array.from(line);
  return points.length <= max ? line : `${points.slice(0, max - 1).join('')}…`;
}

export interface Block {
  heading?: string;
  lines: string[];
}

export interface Layout {
  subject: string;
  greeting: string;
  blocks: Block[];
  action?: { label: string; url: string };
  after: Block[];
}

/** Plain text and simple, escaped HTML from blocks of lines: no remote images, no tracking, no scripts. */
export function renderBlocks(
  layout: Layout,
  lang: 'de' | 'en',
  branding: Branding,
  p: MeetingPhrases,
): RenderedMail {
  const subject = headerSafe(layout.subject);
  const footer = `${branding.associationName}\n${p.privacyLabel}: ${branding.privacyUrl}`;
  const asText = (block: Block) =>
    [...(block.heading ? [`${block.heading}:`] : []), ...block.lines].join('\n');
  const text = [
    layout.greeting,
    ...layout.blocks.map(asText),
    ...(layout.action ? [`${layout.action.label}:\n${layout.action.url}`] : []),
    ...layout.after.map(asText),
    `-- \n${footer}`,
  ].join('\n\n');

  const asHtml = (block: Block) =>
    (block.heading ? `<h2 style="font-size:18px;margin:24px 0 4px">${escapeHtml(block.heading)}</h2>` : '') +
    `<p>${block.lines.map((line) => escapeHtml(line).replace(/\n/g, '<br>')).join('<br>')}</p>`;
  const action = layout.action
    ? `<p><a href="${escapeHtml(layout.action.url)}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold">${escapeHtml(layout.action.label)}</a></p>` +
      `<p style="font-size:14px;color:#444444;word-break:break-all">${escapeHtml(layout.action.url)}</p>`
    : '';
  const html = [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#111111">',
    `<p>${escapeHtml(layout.greeting)}</p>`,
    ...layout.blocks.map(asHtml),
    action,
    ...layout.after.map(asHtml),
    `<hr><p style="font-size:14px;color:#444444">${escapeHtml(branding.associationName)}<br>` +
      `<a href="${escapeHtml(branding.privacyUrl)}">${escapeHtml(p.privacyLabel)}</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
