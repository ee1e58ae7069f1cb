import { renderLayout } from './mail-fns.js';

/** Every email the accounts feature sends, with the values it needs. */
export type MailContent =
  | { template: 'account_setup'; name: string; link: string; expiresInHours: number }
  | { template: 'password_reset'; name: string; link: string; expiresInMinutes: number }
  | { template: 'email_change_confirm'; name: string; link: string; expiresInHours: number }
  | { template: 'email_change_notice'; name: string }
  | { template: 'password_changed'; name: string };

export type MailTemplate = MailContent['template'];

export interface Branding {
  associationName: string;
  privacyUrl: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Parts {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  after?: string[];
}

const ignore = {
  de: 'Wenn Sie das nicht veranlasst haben, können Sie diese Nachricht ignorieren.',
  en: 'If this was not you, you can ignore this message.',
};

const german = (content: MailContent, a: string): Parts => {
  switch (content.template) {
    case 'account_setup':
      return {
        subject: `Ihr Zugang zu Treffpunkt bei ${a}`,
        paragraphs: [
          `Für Sie wurde ein Zugang zu Treffpunkt eingerichtet, der Plattform für Online-Treffen von ${a}.`,
          'Bitte legen Sie über diesen Link Ihr Passwort fest:',
        ],
        action: { label: 'Passwort festlegen', url: content.link },
        after: [`Der Link gilt ${content.expiresInHours} Stunden und nur ein einziges Mal.`, ignore.de],
      };
    case 'password_reset':
      return {
        subject: `Neues Passwort für Treffpunkt (${a})`,
        paragraphs: ['Sie können über diesen Link ein neues Passwort festlegen:'],
        action: { label: 'Neues Passwort festlegen', url: content.link },
        after: [`Der Link gilt ${content.expiresInMinutes} Minuten und nur ein einziges Mal.`, ignore.de],
      };
    case 'email_change_confirm':
      return {
        subject: `Neue E-Mail-Adresse bestätigen (${a})`,
        paragraphs: [
          'Bitte bestätigen Sie, dass Sie diese E-Mail-Adresse künftig für Treffpunkt verwenden möchten:',
        ],
        action: { label: 'Adresse bestätigen', url: content.link },
        after: [`Der Link gilt ${content.expiresInHours} Stunden und nur ein einziges Mal.`, ignore.de],
      };
    case 'email_change_notice':
      return {
        subject: `Ihre E-Mail-Adresse bei Treffpunkt soll geändert werden (${a})`,
        paragraphs: [
          'Für Ihren Zugang wurde eine neue E-Mail-Adresse angegeben. Sie wird erst gültig, wenn sie über den Link an die neue Adresse bestätigt wird.',
          `Wenn Sie das nicht waren, ändern Sie bitte Ihr Passwort und wenden Sie sich an ${a}.`,
        ],
      };
    case 'password_changed':
      return {
        subject: `Ihr Passwort für Treffpunkt wurde geändert (${a})`,
        paragraphs: [
          'Das Passwort Ihres Zugangs wurde soeben geändert.',
          `Wenn Sie das nicht waren, wenden Sie sich bitte sofort an ${a}.`,
        ],
      };
  }
};

const english = (content: MailContent, a: string): Parts => {
  switch (content.template) {
    case 'account_setup':
      return {
        subject: `Your Treffpunkt account at ${a}`,
        paragraphs: [
          `An account has been set up for you on Treffpunkt, the online meeting platform of ${a}.`,
          'Please choose your password with this link:',
        ],
        action: { label: 'Choose password', url: content.link },
        after: [`The link is valid for ${content.expiresInHours} hours and works only once.`, ignore.en],
      };
    case 'password_reset':
      return {
        subject: `New password for Treffpunkt (${a})`,
        paragraphs: ['You can choose a new password with this link:'],
        action: { label: 'Choose new password', url: content.link },
        after: [`The link is valid for ${content.expiresInMinutes} minutes and works only once.`, ignore.en],
      };
    case 'email_change_confirm':
      return {
        subject: `Confirm your new email address (${a})`,
        paragraphs: ['Please confirm that you want to use this email address for Treffpunkt from now on:'],
        action: { label: 'Confirm address', url: content.link },
        after: [`The link is valid for ${content.expiresInHours} hours and works only once.`, ignore.en],
      };
    case 'email_change_notice':
      return {
        subject: `Your Treffpunkt email address is about to change (${a})`,
        paragraphs: [
          'A new email address was entered for your account. It takes effect only once it is confirmed through the link sent to the new address.',
          `If this was not you, please change your password and contact ${a}.`,
        ],
      };
    case 'password_changed':
      return {
        subject: `Your Treffpunkt password was changed (${a})`,
        paragraphs: [
          'The password of your account has just been changed.',
          `If this was not you, please contact ${a} at once.`,
        ],
      };
  }
};

/** Renders a message in German or English, plain text and HTML, with the association's name and privacy link. */
export function renderMail(content: MailContent, language: 'de' | 'en', branding: Branding): RenderedMail {
  const parts = (language === 'de' ? german : english)(content, branding.associationName);
  return renderLayout({
    lang: language,
    subject: parts.subject,
    greeting: language === 'de' ? `Hallo ${content.name},` : `Hello ${content.name},`,
    paragraphs: parts.paragraphs,
    ...(parts.action ? { action: parts.action } : {}),
    ...(parts.after ? { after: parts.after } : {}),
    footer: {
      associationName: branding.associationName,
      privacyLabel: language === 'de' ? 'Datenschutzhinweise' : 'Privacy notice',
      privacyUrl: branding.privacyUrl,
    },
  });
}
