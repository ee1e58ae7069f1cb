import type { Executor } from '../features/accounts/accounts-repo.js';
import type { SettingsService } from '../features/settings/settings-service.js';
import { renderMail, type MailContent } from './mail-templates.js';
import type { OutboxRepo } from './outbox-repo.js';

export interface MailerDeps {
  repo: Pick<OutboxRepo, 'insert'>;
  settings: Pick<SettingsService, 'get'>;
  /** Public URL of the web app, for the privacy-notice link. */
  baseUrl: string;
  now: () => Date;
  /** Called after commit to send without waiting for the next poll (absent without SMTP). */
  onQueued?: () => void;
}

/** Queues emails: rendered and written as outbox rows inside the caller's transaction. */
export function createMailer(deps: MailerDeps) {
  return {
    async enqueue(
      trx: Executor,
      mail: { to: string; language: 'de' | 'en'; content: MailContent },
    ): Promise<void> {
      const settings = await deps.settings.get(trx);
      const rendered = renderMail(mail.content, mail.language, {
        associationName: settings.associationName,
        privacyUrl: `${deps.baseUrl}/privacy`,
      });
      await deps.repo.insert(
        { recipient: mail.to, template: mail.content.template, language: mail.language, ...rendered },
        deps.now(),
        trx,
      );
    },

    /** Call once the transaction that queued mail has committed. */
    flush(): void {
      deps.onQueued?.();
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
