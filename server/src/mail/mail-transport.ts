import { createTransport } from 'nodemailer';
import type { MailAttachment } from '../db/schema.js';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Passed to nodemailer as they are: a `text/calendar; method=…` content type makes an .ics an invitation. */
  attachments?: MailAttachment[];
}

/** How the outbox worker hands a mail on. The SMTP one below in production; tests use a real SMTP server. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * nodemailer over `SMTP_URL`. Timeouts are short so that a hanging server costs one retry, not a stuck worker;
 * nodemailer's own logger stays off because it would log addresses.
 */
export function createSmtpTransport(url: string): MailTransport {
  const transporter = createTransport({
    url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    logger: false,
    debug: false,
  });
  return {
    async send(mail) {
      await transporter.sendMail(mail);
    },
    close() {
      transporter.close();
    },
  };
}
