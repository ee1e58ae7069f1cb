import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { revealBidiControls } from '@treffpunkt/protocol';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../support/axe.js';
import { berlinTime } from '../support/berlin-time.js';
import { launchParticipant, type Participant } from '../support/browser.js';
import { findLink, waitForMail } from '../support/mail.js';
import { startOwnServer, type OwnServer } from '../support/own-server.js';
import { enter, inRoom } from '../support/pre-join.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { SignalRoute } from '../support/signal-route.js';
import { receivedMessages, recordSignalling } from '../support/signalling.js';

const shots = '/tmp/shots';
const waitingText = 'Bitte warten Sie einen Moment.';
const chatOffText =
  'Die Gruppenleitung hat den Chat ausgeschaltet. Sie können die Nachrichten lesen, aber gerade nichts schreiben.';

const controls = (page: Page) => page.getByRole('group', { name: 'Steuerung' });
const chatButton = (page: Page) => controls(page).getByRole('button', { name: /^Chat/ });
const messageList = (page: Page) => page.getByRole('list', { name: 'Nachrichten' });
const composer = (page: Page) => page.getByRole('textbox', { name: 'Ihre Nachricht' });

async function openChat(page: Page): Promise<void> {
  if ((await chatButton(page).getAttribute('aria-expanded')) !== 'true') {
    await chatButton(page).click();
  }
  await page.getByRole('heading', { name: 'Chat', level: 2 }).waitFor();
}

async function openPolls(page: Page): Promise<void> {
  const button = controls(page).getByRole('button', { name: /^Umfragen/ });
  if (await button.isVisible()) {
    if ((await button.getAttribute('aria-expanded')) !== 'true') {
      await button.click();
    }
  } else {
    // Phones: the polls are under "Mehr".
    await controls(page).getByRole('button', { name: 'Mehr' }).click();
    await page.getByRole('button', { name: /^Umfragen/ }).click();
  }
  await page.getByRole('heading', { name: 'Umfragen', level: 2 }).waitFor();
}

/** Hosts: unfolds "Chat ein- und ausschalten, herunterladen" (folded away so the messages keep the room). */
async function hostTools(page: Page): Promise<void> {
  const summary = page.getByText('Chat ein- und ausschalten, herunterladen', { exact: true });
  if (!(await page.getByRole('checkbox', { name: 'Chat für alle erlaubt' }).isVisible())) {
    await summary.click();
  }
}

/** Writes into the chat box and presses "Senden". */
async function say(page: Page, text: string, to: 'everyone' | 'hosts' = 'everyone'): Promise<void> {
  await page
    .getByRole('radio', { name: to === 'everyone' ? 'Alle im Treffen' : 'Nur die Gruppenleitung (privat)' })
    .check();
  await composer(page).fill(text);
  await page.getByRole('button', { name: 'Senden', exact: true }).click();
}

/** The stored messages the page shows, top to bottom (rows still being sent are left out). */
async function shownTexts(page: Page): Promise<string[]> {
  if ((await messageList(page).count()) === 0) {
    return [];
  }
  return messageList(page).locator('li:not(.chat-row-pending) .chat-text').allTextContents();
}

/** The rows the page shows as "being sent". */
function sendingRows(page: Page): Locator {
  return messageList(page).getByRole('listitem').filter({ hasText: 'Wird gesendet …' });
}

/** What a browser shows for a message: direction overrides written as their code. */
const onScreen = revealBidiControls;

/** Reads an export back as a spreadsheet would (RFC 4180: quoted fields, doubled quotes, CRLF rows, BOM). */
const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true });

/** Clicks a download link of the page (its own session cookie) and returns the file's text. */
async function download(page: Page, link: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(saved, 'utf8') };
}

interface Sent {
  name: string;
  text: string;
  audience: 'everyone' | 'hosts';
}

/**
 * Chat and polls in real browsers against a server of its own, because the first test kills it (SIGKILL) and
 * starts it again on the same port and data folder, as systemd would.
 */
describe('chat and polls in the meeting', { timeout: 150_000 }, () => {
  let own: OwnServer;
  let server: ServerProcess;
  let meetingId = '';
  /** The date the room is for: polls are prepared for it on the meeting page too. */
  let occurrenceId = '';
  let beaLink = '';
  let carlLink = '';
  let host: Participant;
  let bea: Participant;
  let carl: Participant;
  let beaSignal: SignalRoute;
  let carlSignal: SignalRoute;
  const dialogs: string[] = [];
  /** Every message stored so far, in the order it was stored (what the host and the exports must show). */
  const stored: Sent[] = [];
  /** What a participant (not a host) named `reader` sees: messages to everyone, and their own to the hosts. */
  const readable = (reader = '') =>
    stored.filter((m) => m.audience === 'everyone' || m.name === reader).map((m) => onScreen(m.text));

  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
    own = await startOwnServer({
      workPrefix: 'tp-chat-',
      rtpPorts: '45000-45999',
      organisation: 'Gesprächskreis Mitte',
      host: 'Hanna Host',
      email: 'hanna.chat@example.org',
    });
    server = own.server;
    const { session } = own;
    const meeting = await session.request<{
      id: string;
      meetingId: string;
      nextOccurrence: { id: string } | null;
    }>('POST', '/api/meetings', {
      organisationId: own.host.organisationId,
      title: 'Abendrunde mit Chat',
      start: berlinTime(new Date(Date.now() + 60_000)),
      durationMinutes: 120,
      passcode: null,
      settings: { waitingRoom: true, joinBeforeHost: false, muteOnEntry: true, cameraOffOnEntry: true },
    });
    meetingId = meeting.meetingId;
    occurrenceId = meeting.nextOccurrence?.id ?? '';
    await session.request('POST', `/api/meetings/${meeting.id}/invitations`, {
      invitees: [
        { email: 'bea.chat@example.org', name: 'Bea' },
        { email: 'carl.chat@example.org', name: 'Carl' },
      ],
    });
    const { mailDir } = own;
    beaLink = findLink(await waitForMail(mailDir, (m) => m.to.includes('bea.chat@')), '/j/') ?? '';
    carlLink = findLink(await waitForMail(mailDir, (m) => m.to.includes('carl.chat@')), '/j/') ?? '';
    [host, bea, carl] = await Promise.all([
      launchParticipant(),
      launchParticipant(),
      launchParticipant({ width: 360 }),
    ]);
    [beaSignal, carlSignal] = await Promise.all([
      SignalRoute.install(bea.page),
      SignalRoute.install(carl.page),
    ]);
    for (const person of [host, bea, carl]) {
      person.page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    }

    await host.page.goto(`${server.url}/anmelden`);
    await host.page.getByLabel('E-Mail-Adresse').fill(own.host.email);
    await host.page.getByLabel('Passwort', { exact: true }).fill(own.host.password);
    await host.page.getByRole('button', { name: 'Anmelden', exact: true }).last().click();
    await host.page.waitForURL((url) => url.pathname !== '/anmelden');
    await enter(host.page, `${server.url}/raum/${meetingId}`, 'Hanna');
    await inRoom(host.page);
    for (const [person, link, name] of [
      [bea, beaLink, 'Bea'],
      [carl, carlLink, 'Carl'],
    ] as const) {
      await enter(person.page, link, name);
      await person.page.getByText(waitingText).waitFor({ timeout: 20_000 });
      await host.page
        .getByRole('button', { name: /Hereinlassen/ })
        .first()
        .click();
      await inRoom(person.page);
    }
  });

  afterAll(async () => {
    await Promise.all([host, bea, carl].filter(Boolean).map((person) => person.close()));
    own.server = server;
    await own.close();
  });

  /** Sends from `page` and waits until the host shows it stored (so the test knows the order). */
  async function send(page: Page, name: string, text: string, audience: Sent['audience'] = 'everyone') {
    await say(page, text, audience);
    // A text box gives CRLF and CR back as LF (HTML's newline normalisation): that is what is sent.
    stored.push({ name, text: text.replace(/\r\n?/g, '\n'), audience });
    await expect
      .poll(() => shownTexts(host.page), { timeout: 10_000 })
      .toEqual(stored.map((m) => onScreen(m.text)));
  }

  it('loses and doubles nothing when the server is killed between a send and its acknowledgement', async () => {
    for (const person of [host, bea, carl]) {
      await openChat(person.page);
      expect(
        await person.page.getByText('Noch keine Nachrichten. Schreiben Sie gern die erste.').isVisible(),
      ).toBe(true);
    }
    await send(host.page, 'Hanna', 'Schön, dass ihr da seid!');
    await send(bea.page, 'Bea', 'Hallo zusammen');
    await send(carl.page, 'Carl', 'Guten Abend');

    // Deterministic "sent, not yet acknowledged": from Bea's next send on, the chat frames the server sends to
    // her page (its `chat.sent` and her own `chat.message`) are held back in the test's WebSocket route, as a
    // stalled network would. Everything else (pings, room state) still flows, so the page does not give up the
    // socket by itself. The other pages show the message: the server has stored it. Then the server dies.
    const cake = 'Ich bringe nächstes Mal Kuchen mit';
    beaSignal.hold((frame) => frame.type.startsWith('chat.'));
    await say(bea.page, cake);
    stored.push({ name: 'Bea', text: cake, audience: 'everyone' });
    await expect.poll(() => shownTexts(carl.page)).toContain(cake);
    await expect.poll(() => shownTexts(host.page)).toContain(cake);
    await expect.poll(() => sendingRows(bea.page).filter({ hasText: cake }).count()).toBe(1);
    expect(await shownTexts(bea.page)).not.toContain(cake);
    const cakeSend = beaSignal.sent.find((frame) => frame.type === 'chat.send' && frame.text === cake);
    expect(cakeSend).toBeDefined();
    expect(beaSignal.held.map((frame) => frame.type)).toContain('chat.sent');
    const connectionsBefore = beaSignal.connections;

    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));
    beaSignal.hold(undefined);
    // While the server is gone Carl writes too: the page keeps it as "being sent".
    const back = 'Bin gleich wieder da';
    await say(carl.page, back);
    stored.push({ name: 'Carl', text: back, audience: 'everyone' });
    await expect.poll(() => sendingRows(carl.page).filter({ hasText: back }).count()).toBe(1);
    server = await startServerProcess(own.env);

    // Nobody clicks anything: the pages reconnect, catch up and resend what was not acknowledged.
    for (const person of [host, bea, carl]) {
      await expect.poll(() => shownTexts(person.page), { timeout: 60_000 }).toEqual(readable());
      await expect.poll(() => sendingRows(person.page).count()).toBe(0);
    }
    // Bea's page really resent the same message (same client id) on a new connection; the server answered it
    // from what it had stored, so it is there once.
    expect(beaSignal.connections).toBeGreaterThan(connectionsBefore);
    const resends = beaSignal.sent.filter((frame) => frame.type === 'chat.send' && frame.text === cake);
    expect(resends.length).toBeGreaterThanOrEqual(2);
    expect(new Set(resends.map((frame) => frame.clientId))).toEqual(new Set([cakeSend?.clientId]));
    expect(
      beaSignal.delivered.filter(
        (frame) => frame.type === 'chat.sent' && frame.clientId === cakeSend?.clientId,
      ),
    ).not.toHaveLength(0);
    for (const person of [host, bea, carl]) {
      expect((await shownTexts(person.page)).filter((text) => text === cake)).toHaveLength(1);
    }
  });

  const hostile = {
    script: '<script>window.__pwned = 1</script>',
    img: '<img src=x onerror="window.__pwned = 2; alert(2)">',
    links:
      'javascript:window.__pwned=3 file:///etc/passwd \\\\server\\share\\datei.txt und https://example.org/treffen.',
    rtl: 'Rechnung\u202Etxt.exe',
    crlf: 'Zeile eins\r\nZeile zwei',
  };

  it('shows hostile inputs as inert text, refuses 10,000 characters, and exports them safely', async () => {
    for (const text of Object.values(hostile)) {
      await send(bea.page, 'Bea', text);
    }
    // Cells a spreadsheet would run as a formula.
    const formulas = [
      '=HYPERLINK("http://example.org","klick")',
      '+49 170 1234567',
      '-1+2',
      '@SUMME(A1)',
      '\tTab',
    ];
    for (const text of formulas) {
      await send(carl.page, 'Carl', text);
    }
    // CR cannot be typed into a text box: a hand-made client sends it on Carl's connection.
    for (const [index, text] of ['\r=1+1', 'Zeile A\r\nZeile B\rZeile C'].entries()) {
      carlSignal.inject({
        type: 'chat.send',
        id: `raw-cr-${index}`,
        clientId: `raw-client-cr-000${index}`,
        text,
        audience: 'everyone',
      });
      stored.push({ name: 'Carl', text, audience: 'everyone' });
      await expect.poll(() => shownTexts(host.page)).toEqual(stored.map((m) => onScreen(m.text)));
    }

    for (const person of [host, bea, carl]) {
      const { page } = person;
      await expect.poll(() => shownTexts(page)).toEqual(readable());
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      // Nothing became markup: no image, no script in the list; one link, the https one, opened safely.
      const list = messageList(page);
      expect(await list.locator('img, script, iframe, object, embed').count()).toBe(0);
      expect(await list.locator('[onerror], [onclick], [onload]').count()).toBe(0);
      // Only http(s) addresses became links (the https one, and the one inside the formula), opened safely.
      const links = list.getByRole('link');
      await expect.poll(() => links.count()).toBe(2);
      expect(await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')))).toEqual([
        'https://example.org/treffen',
        'http://example.org/',
      ]);
      expect(await links.evaluateAll((all) => all.map((a) => a.getAttribute('rel')))).toEqual([
        'noopener noreferrer',
        'noopener noreferrer',
      ]);
      expect(await list.getByText(hostile.script, { exact: true }).isVisible()).toBe(true);
      expect(await list.getByText('Rechnung[U+202E]txt.exe', { exact: true }).isVisible()).toBe(true);
      expect(person.blockedRequests).toEqual([]);
    }
    expect(dialogs).toEqual([]);

    // 10,000 characters: not sent, and the page says why (the box keeps them, nothing is cut off silently).
    const long = 'Sehr lang. '.repeat(1000).slice(0, 10_000);
    await say(bea.page, long);
    await bea.page
      .getByRole('alert')
      .filter({ hasText: 'Die Nachricht ist zu lang und wurde nicht gesendet.' })
      .waitFor();
    expect(
      await bea.page.getByText('8000 Zeichen zu viel – bitte kürzen Sie die Nachricht.').isVisible(),
    ).toBe(true);
    expect(await composer(bea.page).inputValue()).toHaveLength(10_000);
    expect(beaSignal.sent.some((frame) => frame.type === 'chat.send' && frame.text === long)).toBe(false);
    await composer(bea.page).fill('');

    // The host's downloads, from the links in the room.
    await hostTools(host.page);
    const txt = await download(host.page, host.page.getByRole('link', { name: 'Als Text (TXT)' }));
    const csv = await download(host.page, host.page.getByRole('link', { name: 'Als Tabelle (CSV)' }));
    const json = await download(host.page, host.page.getByRole('link', { name: 'Als Daten (JSON)' }));
    expect(txt.name).toMatch(/\.txt$/);
    expect(csv.name).toMatch(/\.csv$/);
    expect(json.name).toMatch(/\.json$/);

    // TXT: every message as text, line breaks indented (no faked entries), direction overrides as codes.
    expect(txt.text).toContain(hostile.script);
    expect(txt.text).toContain(hostile.img);
    expect(txt.text).toContain(hostile.links);
    expect(txt.text).toContain('Rechnung[U+202E]txt.exe');
    expect(txt.text).not.toContain('\u202E');
    expect(txt.text).toContain('Zeile eins\n    Zeile zwei');
    expect(txt.text).toContain('Zeile A\n    Zeile B\n    Zeile C');
    expect(txt.text).not.toContain('\r');

    // CSV: formula-like cells start with an apostrophe; everything else is the text itself.
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(['seq', 'sent_at', 'sender', 'role', 'audience', 'text']);
    const csvTexts = rows.slice(1).map((row) => row[5]);
    expect(csvTexts).toHaveLength(stored.length);
    for (const [index, message] of stored.entries()) {
      const risky = /^[=+\-@\t\r]/.test(message.text);
      expect(csvTexts[index], `CSV row ${index + 1}`).toBe(risky ? `'${message.text}` : message.text);
    }
    for (const text of csvTexts) {
      expect(text).not.toMatch(/^[=+\-@\t\r]/);
    }

    // JSON: parses back to the same messages, in order, with their senders.
    const parsed = JSON.parse(json.text) as {
      title: string;
      messages: Array<{ seq: number; senderName: string; audience: string; text: string }>;
    };
    expect(parsed.title).toBe('Abendrunde mit Chat');
    expect(parsed.messages.map((m) => ({ name: m.senderName, text: m.text, audience: m.audience }))).toEqual(
      stored,
    );
    const seqs = parsed.messages.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('delivers a message to the hosts only to the hosts, with a badge and an announcement', async () => {
    // Carl closes his chat: new messages count on the chat button and are announced to screen readers.
    await carl.page.getByRole('button', { name: 'Chat schließen' }).click();
    await expect.poll(() => messageList(carl.page).count()).toBe(0);
    const secret = 'Mir geht es heute nicht gut, ich sage lieber nichts.';
    await send(bea.page, 'Bea', secret, 'hosts');
    const hostRow = messageList(host.page).getByRole('listitem').filter({ hasText: secret });
    expect(await hostRow.getByText('nur an die Gruppenleitung').isVisible()).toBe(true);
    expect(await hostRow.getByText('Bea', { exact: true }).isVisible()).toBe(true);

    const open = 'Wer bringt nächstes Mal Tee mit?';
    await send(bea.page, 'Bea', open);
    await expect.poll(() => chatButton(carl.page).textContent()).toContain('1 neue Nachricht');
    await expect
      .poll(() => carl.page.getByRole('status').filter({ hasText: 'Neue Nachricht von Bea.' }).count())
      .toBe(1);
    await openChat(carl.page);
    await expect.poll(() => chatButton(carl.page).textContent()).not.toContain('neue Nachricht');
    await expect.poll(() => shownTexts(carl.page)).toEqual(readable());
    expect(await shownTexts(carl.page)).not.toContain(secret);
    expect(JSON.stringify(carlSignal.delivered)).not.toContain('Mir geht es heute nicht gut');
    // Bea sees her own private message, marked as such.
    const beaRow = messageList(bea.page).getByRole('listitem').filter({ hasText: secret });
    expect(await beaRow.getByText('nur an die Gruppenleitung').isVisible()).toBe(true);
  });

  it('lets the host delete a message for everyone and switch the chat off for participants', async () => {
    const oops = 'Meine Telefonnummer ist 0170 1234567';
    await send(carl.page, 'Carl', oops);
    await messageList(host.page)
      .getByRole('listitem')
      .filter({ hasText: oops })
      .getByRole('button', { name: /Nachricht von Carl löschen/ })
      .click();
    stored.splice(
      stored.findIndex((m) => m.text === oops),
      1,
    );
    for (const person of [host, bea, carl]) {
      await expect.poll(() => shownTexts(person.page)).not.toContain(oops);
    }
    await expect.poll(() => shownTexts(carl.page)).toEqual(readable());

    await hostTools(host.page);
    const onOff = host.page.getByRole('checkbox', { name: 'Chat für alle erlaubt' });
    // The switch shows what the server holds: it changes once the room's settings come back.
    await onOff.click();
    await expect.poll(() => onOff.isChecked()).toBe(false);
    expect(await host.page.getByText('Nur die Gruppenleitung kann schreiben.').isVisible()).toBe(true);
    for (const person of [bea, carl]) {
      await person.page.getByText(chatOffText).waitFor({ timeout: 10_000 });
      expect(await composer(person.page).count()).toBe(0);
    }
    // A hand-made send is refused by the server too.
    carlSignal.inject({
      type: 'chat.send',
      id: 'raw-off',
      clientId: 'raw-client-off-0001',
      text: 'Trotzdem',
      audience: 'everyone',
    });
    await expect
      .poll(() => carlSignal.delivered.find((frame) => frame.type === 'error' && frame.id === 'raw-off'))
      .toMatchObject({ error: 'forbidden' });
    await send(host.page, 'Hanna', 'Kurze Pause, danach geht es weiter.');
    await expect.poll(() => shownTexts(bea.page)).toEqual(readable('Bea'));
    expect(await shownTexts(carl.page)).not.toContain('Trotzdem');
    await onOff.click();
    await expect.poll(() => onOff.isChecked()).toBe(true);
    await expect.poll(() => composer(carl.page).isVisible()).toBe(true);
  });

  it('sends no chat to someone in the waiting room, and none after removal; a hostile name stays text', async () => {
    const wanda = await launchParticipant();
    // Markup in a name is shown as typed: in the waiting list, the participant list and as a chat sender.
    const wandaName = 'Wanda <img src=x onerror="window.__pwned = 4">';
    try {
      await recordSignalling(wanda.page);
      await enter(wanda.page, `${server.url}/m/${meetingId}`, wandaName);
      await wanda.page.getByText(waitingText).waitFor({ timeout: 20_000 });
      await send(bea.page, 'Bea', 'Noch jemand im Warteraum?');
      await expect.poll(() => shownTexts(carl.page)).toContain('Noch jemand im Warteraum?');
      expect(await chatButton(wanda.page).count()).toBe(0);
      expect(await messageList(wanda.page).count()).toBe(0);
      const waitingTypes = (await receivedMessages(wanda.page)).map((message) => message.type);
      expect(waitingTypes.filter((type) => type.startsWith('chat.') || type.startsWith('poll.'))).toEqual([]);
      expect(JSON.stringify(await receivedMessages(wanda.page))).not.toContain('Warteraum?');

      // Let in, she gets the history; removed, she gets nothing more.
      await host.page
        .getByRole('button', { name: /Hereinlassen/ })
        .first()
        .click();
      await inRoom(wanda.page);
      await openChat(wanda.page);
      await expect.poll(() => shownTexts(wanda.page)).toEqual(readable());
      await send(wanda.page, wandaName, 'Hallo, ich bin neu hier.');
      for (const page of [host.page, bea.page, carl.page]) {
        await expect.poll(() => messageList(page).getByText(wandaName, { exact: true }).count()).toBe(1);
        expect(await page.locator('img[src="x"]').count()).toBe(0);
        expect(
          await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
        ).toBeUndefined();
      }
      const actions = host.page.getByRole('button', { name: /Aktionen für Wanda/ });
      if (!(await actions.isVisible())) {
        await controls(host.page)
          .getByRole('button', { name: /^Teilnehmende/ })
          .click();
      }
      await actions.click();
      await host.page.getByRole('button', { name: 'Aus dem Treffen entfernen' }).click();
      await host.page.getByRole('button', { name: `Ja, ${wandaName} entfernen` }).click();
      await wanda.page
        .getByRole('heading', { name: 'Sie wurden aus dem Treffen entfernt' })
        .waitFor({ timeout: 20_000 });
      await openChat(host.page);
      const seen = (await receivedMessages(wanda.page)).length;
      await send(bea.page, 'Bea', 'Nach dem Entfernen');
      await expect.poll(() => shownTexts(carl.page)).toContain('Nach dem Entfernen');
      const after = (await receivedMessages(wanda.page)).slice(seen).map((message) => message.type);
      expect(after.filter((type) => type.startsWith('chat.'))).toEqual([]);
    } finally {
      await wanda.close();
    }
  });

  it('runs a named single-choice poll: votes, live results, a changed vote, shared, closed, exported', async () => {
    await openPolls(host.page);
    await host.page.getByLabel('Frage', { exact: true }).fill('Wann treffen wir uns im Dezember?');
    await host.page.getByLabel('Antworten (eine pro Zeile, 2 bis 10)').fill('Dienstag\nDonnerstag\n=Samstag');
    await host.page.getByLabel('Anonym (die Gruppenleitung sieht keine Namen)').uncheck();
    await host.page.getByRole('button', { name: 'Umfrage speichern' }).click();
    const hostPoll = host.page.getByRole('region', { name: 'Wann treffen wir uns im Dezember?' });
    await hostPoll.getByText('Vorbereitet · Eine Antwort, mit Namen').waitFor();
    // A draft is for the hosts only.
    await openPolls(bea.page);
    expect(await bea.page.getByText('Gerade gibt es keine Umfrage.').isVisible()).toBe(true);
    await hostPoll.getByRole('button', { name: 'Starten' }).click();

    await openPolls(carl.page);
    const beaPoll = bea.page.getByRole('region', { name: 'Wann treffen wir uns im Dezember?' });
    const carlPoll = carl.page.getByRole('region', { name: 'Wann treffen wir uns im Dezember?' });
    await beaPoll.getByText('Läuft · Eine Antwort, mit Namen').waitFor();
    await beaPoll.getByRole('radio', { name: 'Dienstag' }).check();
    await beaPoll.getByRole('button', { name: 'Abstimmen' }).click();
    await carlPoll.getByRole('radio', { name: 'Donnerstag' }).check();
    await carlPoll.getByRole('button', { name: 'Abstimmen' }).click();
    // Live results for the host, with names (a named poll); nothing yet for the participants.
    await hostPoll.getByText('Dienstag: 1 Stimme – Gewählt von: Bea').waitFor();
    await hostPoll.getByText('Donnerstag: 1 Stimme – Gewählt von: Carl').waitFor();
    await hostPoll.getByText('2 Personen haben abgestimmt.').waitFor();
    await beaPoll
      .getByText('Ihre Stimme ist gezählt. Sie können sie ändern, bis die Umfrage endet.')
      .waitFor();
    expect(await beaPoll.getByText(/Stimmen?$/).count()).toBe(0);

    await beaPoll.getByRole('radio', { name: 'Donnerstag' }).check();
    await beaPoll.getByRole('button', { name: 'Stimme ändern' }).click();
    await hostPoll.getByText('Donnerstag: 2 Stimmen – Gewählt von: Carl, Bea').waitFor();
    await hostPoll.getByText('Dienstag: 0 Stimmen').waitFor();
    await hostPoll.getByText('2 Personen haben abgestimmt.').waitFor();

    await hostPoll.getByRole('button', { name: 'Ergebnis allen zeigen' }).click();
    for (const poll of [beaPoll, carlPoll]) {
      await poll.getByText('Donnerstag: 2 Stimmen').waitFor();
      await poll.getByText('Das Ergebnis ist für alle sichtbar.').waitFor();
      expect(await poll.getByText('Gewählt von').count()).toBe(0);
    }
    await hostPoll.getByRole('button', { name: 'Beenden' }).click();
    for (const poll of [beaPoll, carlPoll]) {
      await poll.getByText('Die Umfrage ist beendet. Abstimmen ist nicht mehr möglich.').waitFor();
      expect(await poll.getByRole('button', { name: /Abstimmen|Stimme ändern/ }).count()).toBe(0);
      expect(await poll.getByRole('radio').count()).toBe(0);
    }
    // A vote sent anyway (hand-made) is refused, and the page says so in plain words; the count stays.
    const pollId = (
      carlSignal.delivered.find((frame) => frame.type === 'poll.view')?.poll as { pollId: string }
    ).pollId;
    carlSignal.inject({ type: 'poll.vote', id: 'poll-raw', pollId, choices: [0], change: true });
    await carl.page
      .getByRole('alert')
      .filter({ hasText: 'Das ging nicht: Die Umfrage ist schon beendet' })
      .waitFor({ timeout: 10_000 });
    expect(await hostPoll.getByText('Donnerstag: 2 Stimmen').isVisible()).toBe(true);

    const csv = await download(
      host.page,
      host.page.getByRole('link', { name: 'Ergebnisse herunterladen (CSV)' }),
    );
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(['poll', 'question', 'status', 'kind', 'option', 'votes', 'voters', 'names']);
    expect(rows.slice(1).map((row) => [row[4], row[5], row[6], row[7]])).toEqual([
      ['Dienstag', '0', '2', ''],
      ['Donnerstag', '2', '2', expect.stringMatching(/^(Carl; Bea|Bea; Carl)$/)],
      ["'=Samstag", '0', '2', ''],
    ]);
    expect(rows[1]?.[2]).toBe('closed');
  });

  it("shows a poll prepared on the meeting page to the room's hosts at once, and takes it away again", async () => {
    await openPolls(host.page);
    // The host (another device, the meeting page) prepares a poll over HTTP while the meeting runs.
    const prepared = await own.session.request<{ pollId: string }>(
      'POST',
      `/api/occurrences/${occurrenceId}/polls`,
      {
        question: 'Vom Planungsblatt: Pause um 20 Uhr?',
        options: ['Ja', 'Nein'],
        multiple: false,
        anonymous: true,
      },
    );
    const draft = host.page.getByRole('region', { name: 'Vom Planungsblatt: Pause um 20 Uhr?' });
    await draft.getByText('Vorbereitet · Eine Antwort, anonym').waitFor({ timeout: 10_000 });
    // Participants never see drafts.
    await openPolls(bea.page);
    expect(await bea.page.getByText('Vom Planungsblatt', { exact: false }).count()).toBe(0);
    await own.session.request('DELETE', `/api/occurrences/${occurrenceId}/polls/${prepared.pollId}`);
    await expect.poll(() => draft.count(), { timeout: 10_000 }).toBe(0);
  });

  it('has accessible, uncut chat and polls panels at 360 and 1280 px', async () => {
    for (const width of [360, 1280]) {
      for (const [who, person] of [
        ['host', host],
        ['participant', bea],
      ] as const) {
        const { page } = person;
        await page.setViewportSize({ width, height: 800 });
        await openChat(page);
        await expect.poll(() => shownTexts(page)).not.toEqual([]);
        expect(await accessibilityViolations(page), `chat, ${who}, ${width} px`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: path.join(shots, `chat-${who}-${width}.png`) });
        await openPolls(page);
        await page.getByText('Wann treffen wir uns im Dezember?').first().waitFor();
        expect(await accessibilityViolations(page), `polls, ${who}, ${width} px`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: path.join(shots, `polls-${who}-${width}.png`) });
      }
    }
    expect(dialogs).toEqual([]);
  });
});
