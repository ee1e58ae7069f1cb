import { DateTime } from 'luxon';

/** Sentences of the meeting mails in German (formal "Sie") and English. User texts arrive already cleaned. */
export interface MeetingPhrases {
  locale: string;
  greeting: (name: string) => string;
  formatDate: (start: Date, end: Date, zone: string) => string;
  zone: (zone: string) => string;
  cancelledMark: string;
  moreDates: (count: number) => string;
  invitedBy: (host: string, organisation: string) => string;
  topic: (title: string) => string;
  headings: { when: string; phone: string; about: string };
  joinLabel: string;
  personalLink: string;
  noInstall: string;
  /** Without a PIN (the invitation text a host shares) only the meeting ID. */
  phoneLines: (meetingId: string, pin: string) => string[];
  e2ee: string;
  decline: string;
  calendarAttached: string;
  calendarUpdated: string;
  privacy: (days: number) => string;
  subjects: {
    invitation: (title: string, when: string) => string;
    updated: (title: string) => string;
    cancelled: (title: string) => string;
    occurrenceCancelled: (title: string, when: string) => string;
    occurrenceMoved: (title: string) => string;
    revoked: (title: string) => string;
    reminder: (title: string, when: string) => string;
    attack: (title: string) => string;
  };
  updatedIntro: (title: string) => string;
  cancelledIntro: (title: string, organisation: string, series: boolean) => string;
  occurrenceCancelledIntro: (when: string) => string;
  occurrenceMovedIntro: (from: string, to: string) => string;
  revokedIntro: (title: string) => string;
  reminderIntro: (title: string, when: string) => string;
  attackLines: (title: string, meetingId: string) => string[];
  privacyLabel: string;
}

const zoned = (date: Date, zone: string, locale: string) =>
  DateTime.fromJSDate(date, { zone }).setLocale(locale);

export const meetingPhrases: Record<'de' | 'en', MeetingPhrases> = {
  de: {
    locale: 'de',
    greeting: (name) => (name ? `Hallo ${name},` : 'Guten Tag,'),
    formatDate: (start, end, zone) =>
      `${zoned(start, zone, 'de').toFormat('cccc, d. LLLL yyyy, HH:mm')}–${zoned(end, zone, 'de').toFormat('HH:mm')} Uhr`,
    zone: (zone) => `Alle Zeiten in der Zeitzone ${zone}.`,
    cancelledMark: '(entfällt)',
    moreDates: (count) => `… und ${count} weitere ${count === 1 ? 'Termin' : 'Termine'}`,
    invitedBy: (host, organisation) =>
      host
        ? `${host} lädt Sie zu einem Online-Treffen von ${organisation} ein.`
        : `${organisation} lädt Sie zu einem Online-Treffen ein.`,
    topic: (title) => `Thema: ${title}`,
    headings: { when: 'Wann', phone: 'Per Telefon teilnehmen', about: 'Worum es geht' },
    joinLabel: 'Am Treffen teilnehmen',
    personalLink:
      'Dieser Link ist persönlich und gilt nur für Sie. Bitte geben Sie ihn nicht weiter. Ein Kenncode ist damit nicht nötig.',
    noInstall: 'Sie brauchen kein Programm, nur einen aktuellen Browser auf Computer, Tablet oder Handy.',
    phoneLines: (meetingId, pin) => [
      `Meeting-ID: ${meetingId}`,
      ...(pin ? [`Ihre persönliche PIN: ${pin}`] : []),
    ],
    e2ee: 'Dieses Treffen ist Ende-zu-Ende-verschlüsselt. Eine Teilnahme per Telefon ist deshalb nicht möglich.',
    decline:
      'Wenn Sie nicht teilnehmen möchten, können Sie die Einladung über Ihren Link ablehnen. Dann erhalten Sie keine weiteren Nachrichten zu diesem Treffen.',
    calendarAttached: 'Im Anhang finden Sie den Termin für Ihren Kalender.',
    calendarUpdated: 'Im Anhang finden Sie die Änderung für Ihren Kalender.',
    privacy: (days) =>
      `Datenschutz: Ihre E-Mail-Adresse und Ihr Name werden nur für diese Einladung verwendet und ${days} Tage nach dem letzten Termin gelöscht. Es wird nicht erfasst, ob Sie diese Nachricht öffnen.`,
    subjects: {
      invitation: (title, when) => `Einladung: ${title}${when ? ` – ${when}` : ''}`,
      updated: (title) => `Geändert: ${title}`,
      cancelled: (title) => `Abgesagt: ${title}`,
      occurrenceCancelled: (title, when) => `Termin entfällt: ${title} – ${when}`,
      occurrenceMoved: (title) => `Termin verlegt: ${title}`,
      revoked: (title) => `Einladung zurückgenommen: ${title}`,
      reminder: (title, when) => `Erinnerung: ${title} – ${when}`,
      attack: (title) => `Sicherheitshinweis zu Ihrem Treffen: ${title}`,
    },
    updatedIntro: (title) => `Das Treffen „${title}“ wurde geändert. Hier die aktuellen Angaben.`,
    cancelledIntro: (title, organisation, series) =>
      series
        ? `Die Terminserie „${title}“ von ${organisation} wurde abgesagt. Alle weiteren Termine entfallen.`
        : `Das Treffen „${title}“ von ${organisation} wurde abgesagt.`,
    occurrenceCancelledIntro: (when) =>
      `Der Termin am ${when} entfällt. Die anderen Termine bleiben, Ihr Link und Ihre PIN gelten weiter.`,
    occurrenceMovedIntro: (from, to) => `Der Termin am ${from} wurde verlegt auf: ${to}.`,
    revokedIntro: (title) =>
      `Ihre Einladung zu „${title}“ wurde zurückgenommen. Ihr persönlicher Link und Ihre PIN gelten nicht mehr.`,
    reminderIntro: (title, when) => `zur Erinnerung: „${title}“ beginnt am ${when}.`,
    attackLines: (title, meetingId) => [
      `Für Ihr Treffen „${title}“ (Meeting-ID ${meetingId}) wurde in kurzer Zeit oft ein falscher Kenncode eingegeben. Weitere Versuche werden vorübergehend abgewiesen.`,
      'Teilnehmende mit persönlichem Link oder persönlicher PIN sind davon nicht betroffen.',
      'Wenn Sie diese Nachricht öfter erhalten, ändern Sie bitte den Kenncode des Treffens und teilen Sie ihn nur den Eingeladenen mit.',
    ],
    privacyLabel: 'Datenschutzhinweise',
  },
  en: {
    locale: 'en-GB',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    formatDate: (start, end, zone) =>
      `${zoned(start, zone, 'en-GB').toFormat('cccc, d LLLL yyyy, h:mm a')}–${zoned(end, zone, 'en-GB').toFormat('h:mm a')}`,
    zone: (zone) => `All times in the time zone ${zone}.`,
    cancelledMark: '(cancelled)',
    moreDates: (count) => `… and ${count} more ${count === 1 ? 'date' : 'dates'}`,
    invitedBy: (host, organisation) =>
      host
        ? `${host} invites you to an online meeting of ${organisation}.`
        : `${organisation} invites you to an online meeting.`,
    topic: (title) => `Topic: ${title}`,
    headings: { when: 'When', phone: 'Join by phone', about: 'About' },
    joinLabel: 'Join the meeting',
    personalLink:
      'This link is personal and meant for you only. Please do not pass it on. You need no passcode with it.',
    noInstall: 'You need no app, just an up-to-date browser on a computer, tablet or phone.',
    phoneLines: (meetingId, pin) => [
      `Meeting ID: ${meetingId}`,
      ...(pin ? [`Your personal PIN: ${pin}`] : []),
    ],
    e2ee: 'This meeting is end-to-end encrypted, so joining by phone is not possible.',
    decline:
      'If you do not want to take part, you can decline the invitation with your link. You will then receive no more messages about this meeting.',
    calendarAttached: 'The attached file adds the meeting to your calendar.',
    calendarUpdated: 'The attached file updates your calendar.',
    privacy: (days) =>
      `Privacy: your email address and name are used only for this invitation and deleted ${days} days after the last date. Whether you open this message is not tracked.`,
    subjects: {
      invitation: (title, when) => `Invitation: ${title}${when ? ` – ${when}` : ''}`,
      updated: (title) => `Changed: ${title}`,
      cancelled: (title) => `Cancelled: ${title}`,
      occurrenceCancelled: (title, when) => `Date cancelled: ${title} – ${when}`,
      occurrenceMoved: (title) => `Date moved: ${title}`,
      revoked: (title) => `Invitation withdrawn: ${title}`,
      reminder: (title, when) => `Reminder: ${title} – ${when}`,
      attack: (title) => `Security notice about your meeting: ${title}`,
    },
    updatedIntro: (title) => `The meeting "${title}" has changed. Here are the current details.`,
    cancelledIntro: (title, organisation, series) =>
      series
        ? `The series "${title}" of ${organisation} has been cancelled. All further dates are off.`
        : `The meeting "${title}" of ${organisation} has been cancelled.`,
    occurrenceCancelledIntro: (when) =>
      `The date on ${when} is cancelled. The other dates stay, and your link and PIN keep working.`,
    occurrenceMovedIntro: (from, to) => `The date on ${from} has been moved to: ${to}.`,
    revokedIntro: (title) =>
      `Your invitation to "${title}" has been withdrawn. Your personal link and PIN no longer work.`,
    reminderIntro: (title, when) => `a reminder: "${title}" starts on ${when}.`,
    attackLines: (title, meetingId) => [
      `Someone entered a wrong passcode for your meeting "${title}" (meeting ID ${meetingId}) many times in a short while. Further attempts are refused for now.`,
      'Participants with a personal link or personal PIN are not affected.',
      'If you receive this message again, please change the meeting passcode and share it only with those invited.',
    ],
    privacyLabel: 'Privacy notice',
  },
};
