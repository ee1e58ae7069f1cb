import type { Meeting, MeetingSettings, Recurrence, Weekday } from './meetings-types';
import { addMonths, dayOfMonth, monthlyPositionOf, todayIn, weekdayOf } from './time-fns';

/** The rhythm as people choose it; "every N weeks" is weekly with an interval. */
export type Repeat = 'none' | 'daily' | 'weekly' | 'everyNWeeks' | 'monthly';

export interface MeetingFormValues {
  title: string;
  description: string;
  organisationId: string;
  /** '' for "myself" (hosts); admins choose a host of the organisation. */
  hostUserId: string;
  /** Other hosts of the organisation who may start and lead the meeting too. */
  coHostIds: string[];
  date: string;
  time: string;
  durationMinutes: number;
  timeZone: string;
  repeat: Repeat;
  weekdays: Weekday[];
  intervalWeeks: string;
  monthlyMode: 'by_date' | 'by_weekday';
  endType: 'until' | 'count';
  untilDate: string;
  count: string;
  passcodeOn: boolean;
  passcode: string;
  /** The saved meeting-wide PIN, shown beside its setting (the server makes and renews it). */
  phonePin: string | null;
  /** "New PIN" was pressed: the next save asks the server for another one. */
  renewPhonePin: boolean;
  settings: MeetingSettings;
  /** Minutes before each date as a string for the select; '' for none. */
  reminder: string;
}

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** The API's safe defaults (docs/api/meetings.md): a new meeting starts with these. */
export const DEFAULT_SETTINGS: MeetingSettings = {
  waitingRoom: true,
  joinBeforeHost: false,
  muteOnEntry: true,
  cameraOffOnEntry: true,
  chat: true,
  dialIn: true,
  phonePin: false,
  e2ee: false,
  maxParticipants: 100,
};

export const DURATIONS = [30, 45, 60, 75, 90, 105, 120, 150, 180, 240] as const;
export const REMINDERS = ['', '60', '180', '1440'] as const;

/** Unambiguous characters only (no 0/O, 1/l/I), so a passcode survives being read aloud or copied by hand. */
const PASSCODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY23456789';

/** A new random passcode of 8 characters (about 45 bits), drawn without bias. */
export function randomPasscode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)) {
  let code = '';
  while (code.length < 8) {
    for (const byte of random(new Uint8Array(16))) {
      if (byte < 256 - (256 % PASSCODE_ALPHABET.length) && code.length < 8) {
        code += PASSCODE_ALPHABET.charAt(byte % PASSCODE_ALPHABET.length);
      }
    }
  }
  return code;
}

/** A new meeting: tomorrow at 19:00 in Berlin, 90 minutes, weekly for three months when a series is chosen. */
export function newMeetingValues(
  organisationId: string,
  passcode: string,
  now = new Date(),
): MeetingFormValues {
  const tomorrow = new Date(now.getTime() + 24 * 3600 * 1000);
  const date = todayIn(DEFAULT_TIME_ZONE, tomorrow);
  return {
    title: '',
    description: '',
    organisationId,
    hostUserId: '',
    coHostIds: [],
    date,
    time: '19:00',
    durationMinutes: 90,
    timeZone: DEFAULT_TIME_ZONE,
    repeat: 'none',
    weekdays: [weekdayOf(date)],
    intervalWeeks: '2',
    monthlyMode: 'by_date',
    endType: 'count',
    untilDate: addMonths(date, 3),
    count: '10',
    passcodeOn: true,
    passcode,
    phonePin: null,
    renewPhonePin: false,
    settings: { ...DEFAULT_SETTINGS },
    reminder: '',
  };
}

/** The form filled from a saved meeting (its first schedule's rhythm, for showing; series dates change elsewhere). */
export function meetingValues(meeting: Meeting): MeetingFormValues {
  const schedule = meeting.schedules.at(-1);
  const firstStart = schedule?.firstStart ?? '';
  const [date = '', time = ''] = firstStart.split('T');
  const recurrence = schedule?.recurrence ?? null;
  const base = newMeetingValues(meeting.organisation.id, meeting.passcode ?? '');
  return {
    ...base,
    title: meeting.title,
    description: meeting.description,
    hostUserId: meeting.host?.id ?? '',
    coHostIds: meeting.coHosts.map((coHost) => coHost.id),
    date,
    time,
    durationMinutes: schedule?.durationMinutes ?? base.durationMinutes,
    timeZone: meeting.timeZone,
    ...(recurrence ? recurrenceValues(recurrence, date) : { repeat: 'none' as const }),
    passcodeOn: meeting.passcode !== null,
    passcode: meeting.passcode ?? '',
    phonePin: meeting.phonePin,
    settings: { ...meeting.settings },
    reminder: meeting.reminderMinutes === null ? '' : String(meeting.reminderMinutes),
  };
}

/** The form's rhythm fields for a stored rule. */
export function recurrenceValues(
  recurrence: Recurrence,
  date: string,
): Pick<
  MeetingFormValues,
  'repeat' | 'weekdays' | 'intervalWeeks' | 'monthlyMode' | 'endType' | 'untilDate' | 'count'
> {
  const weekly = recurrence.frequency === 'weekly';
  return {
    repeat:
      recurrence.frequency === 'daily'
        ? 'daily'
        : recurrence.frequency === 'monthly'
          ? 'monthly'
          : recurrence.interval > 1
            ? 'everyNWeeks'
            : 'weekly',
    weekdays: weekly && recurrence.byWeekday ? recurrence.byWeekday : [weekdayOf(date)],
    intervalWeeks: weekly && recurrence.interval > 1 ? String(recurrence.interval) : '2',
    monthlyMode: recurrence.monthlyMode ?? 'by_date',
    endType: recurrence.end.type,
    untilDate: recurrence.end.type === 'until' ? recurrence.end.date : addMonths(date, 3),
    count: recurrence.end.type === 'count' ? String(recurrence.end.count) : '10',
  };
}

/** A problem found before sending: the field's id and the key of its message (`form.errors.<key>`). */
export interface FormProblem {
  field: string;
  key: string;
}

const passcodePattern = /^[\x21-\x7E]{6,64}$/;
const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

/** What to fix before sending, in the order of the form. `rhythm`: false when a series' dates are not edited here. */
export function formProblems(
  values: MeetingFormValues,
  options: { rhythm: boolean; dates: boolean; now?: Date },
): FormProblem[] {
  const problems: FormProblem[] = [];
  const add = (field: string, key: string) => problems.push({ field, key });
  if (values.title.trim() === '') {
    add('meeting-title', 'titleEmpty');
  } else if (values.title.trim().length > 200) {
    add('meeting-title', 'titleLong');
  }
  if (values.description.length > 4000) {
    add('meeting-description', 'descriptionLong');
  }
  if (options.dates) {
    const today = todayIn(values.timeZone, options.now);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
      add('meeting-date', 'dateEmpty');
    } else if (values.date < today) {
      add('meeting-date', 'datePast');
    }
    if (!/^\d{2}:\d{2}$/.test(values.time)) {
      add('meeting-time', 'timeEmpty');
    }
  }
  if (options.rhythm && values.repeat !== 'none') {
    if (
      (values.repeat === 'weekly' || values.repeat === 'everyNWeeks') &&
      !values.weekdays.includes(weekdayOf(values.date))
    ) {
      add('meeting-weekdays', 'weekdayMismatch');
    }
    if (values.repeat === 'everyNWeeks') {
      const interval = wholeNumber(values.intervalWeeks);
      if (!(interval >= 2 && interval <= 52)) {
        add('meeting-interval', 'interval');
      }
    }
    if (values.endType === 'until') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.untilDate) || values.untilDate < values.date) {
        add('meeting-until', 'untilBeforeStart');
      } else if (values.untilDate > addMonths(values.date, 24)) {
        add('meeting-until', 'tooLong');
      }
    } else {
      const count = wholeNumber(values.count);
      if (!(count >= 2 && count <= 200)) {
        add('meeting-count', 'count');
      }
    }
  }
  if (values.passcodeOn && !passcodePattern.test(values.passcode.trim())) {
    add('meeting-passcode', 'passcode');
  }
  const max = values.settings.maxParticipants;
  if (!Number.isInteger(max) || max < 2 || max > 1000) {
    add('meeting-max', 'maxParticipants');
  }
  return problems;
}

/** The rule the API takes for the chosen rhythm; undefined for a single meeting. */
export function recurrenceOf(values: MeetingFormValues): Recurrence | undefined {
  const end: Recurrence['end'] =
    values.endType === 'until'
      ? { type: 'until', date: values.untilDate }
      : { type: 'count', count: wholeNumber(values.count) };
  switch (values.repeat) {
    case 'none':
      return undefined;
    case 'daily':
      return { frequency: 'daily', interval: 1, end };
    case 'weekly':
    case 'everyNWeeks':
      return {
        frequency: 'weekly',
        interval: values.repeat === 'weekly' ? 1 : wholeNumber(values.intervalWeeks),
        byWeekday: [...values.weekdays].sort((a, b) => order(a) - order(b)),
        end,
      };
    case 'monthly':
      return values.monthlyMode === 'by_weekday'
        ? {
            frequency: 'monthly',
            interval: 1,
            monthlyMode: 'by_weekday',
            monthlyPosition: monthlyPositionOf(values.date),
            end,
          }
        : { frequency: 'monthly', interval: 1, monthlyMode: 'by_date', end };
  }
}

const order = (day: Weekday) => ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].indexOf(day);

const reminderOf = (values: MeetingFormValues) => (values.reminder === '' ? null : Number(values.reminder));
/** The main host is never their own co-host (choosing someone as host takes them off the list). */
const coHostsOf = (values: MeetingFormValues, hostId: string) =>
  values.coHostIds.filter((id) => id !== hostId);
const passcodeOf = (values: MeetingFormValues) => (values.passcodeOn ? values.passcode.trim() : null);

/** `POST /api/meetings` or `POST /api/series` for a new meeting. */
export function createRequest(
  values: MeetingFormValues,
  options: { chooseHost: boolean },
): { kind: 'single' | 'series'; body: Record<string, unknown> } {
  const common = {
    organisationId: values.organisationId,
    ...(options.chooseHost && values.hostUserId !== '' ? { hostUserId: values.hostUserId } : {}),
    coHostIds: coHostsOf(values, values.hostUserId),
    title: values.title.trim(),
    description: values.description.trim(),
    timeZone: values.timeZone,
    durationMinutes: values.durationMinutes,
    settings: values.settings,
    passcode: passcodeOf(values),
    reminderMinutes: reminderOf(values),
  };
  const start = `${values.date}T${values.time}`;
  const recurrence = recurrenceOf(values);
  return recurrence
    ? { kind: 'series', body: { ...common, firstStart: start, recurrence } }
    : { kind: 'single', body: { ...common, start } };
}

/** `PATCH /api/meetings/:id`: only what changed (an unchanged time must not mail everyone an update). */
export function patchRequest(
  meeting: Meeting,
  values: MeetingFormValues,
  options: { chooseHost: boolean },
): Record<string, unknown> {
  const before = meetingValues(meeting);
  const patch: Record<string, unknown> = {};
  if (values.title.trim() !== meeting.title) {
    patch.title = values.title.trim();
  }
  if (values.description.trim() !== meeting.description) {
    patch.description = values.description.trim();
  }
  if (options.chooseHost && values.hostUserId !== '' && values.hostUserId !== (meeting.host?.id ?? '')) {
    patch.hostUserId = values.hostUserId;
  }
  const coHostIds = coHostsOf(values, values.hostUserId || (meeting.host?.id ?? ''));
  const coHostsBefore = meeting.coHosts.map((coHost) => coHost.id);
  if (coHostIds.length !== coHostsBefore.length || coHostIds.some((id) => !coHostsBefore.includes(id))) {
    patch.coHostIds = coHostIds;
  }
  const settings = Object.fromEntries(
    Object.entries(values.settings).filter(
      ([key, value]) => meeting.settings[key as keyof MeetingSettings] !== value,
    ),
  );
  if (Object.keys(settings).length > 0) {
    patch.settings = settings;
  }
  if (passcodeOf(values) !== meeting.passcode) {
    patch.passcode = passcodeOf(values);
  }
  if (values.renewPhonePin && values.settings.phonePin && meeting.settings.phonePin) {
    patch.renewPhonePin = true;
  }
  if (reminderOf(values) !== meeting.reminderMinutes) {
    patch.reminderMinutes = reminderOf(values);
  }
  if (meeting.kind === 'single') {
    if (values.date !== before.date || values.time !== before.time) {
      patch.start = `${values.date}T${values.time}`;
    }
    if (values.durationMinutes !== before.durationMinutes) {
      patch.durationMinutes = values.durationMinutes;
    }
    if (values.timeZone !== meeting.timeZone) {
      patch.timeZone = values.timeZone;
    }
  }
  return patch;
}

/** The form field a server error concerns: by error code, else by the first field path of `validation_failed`. */
export function fieldOfServerError(code: string, paths: readonly string[]): string | undefined {
  const byCode: Record<string, string> = {
    start_in_past: 'meeting-date',
    recurrence_start_mismatch: 'meeting-weekdays',
    recurrence_too_long: 'meeting-until',
    invalid_host: 'meeting-host',
    invalid_cohost: 'meeting-host',
    series_overlap: 'meeting-date',
  };
  if (byCode[code] !== undefined) {
    return byCode[code];
  }
  const byPath: Array<[RegExp, string]> = [
    [/^title/, 'meeting-title'],
    [/^description/, 'meeting-description'],
    [/^organisationId/, 'meeting-organisation'],
    [/^(hostUserId|coHostIds)/, 'meeting-host'],
    [/^(start|firstStart)/, 'meeting-date'],
    [/^durationMinutes/, 'meeting-duration'],
    [/^timeZone/, 'meeting-timezone'],
    [/^recurrence\.end\.date/, 'meeting-until'],
    [/^recurrence\.end\.count/, 'meeting-count'],
    [/^recurrence\.interval/, 'meeting-interval'],
    [/^recurrence\.byWeekday/, 'meeting-weekdays'],
    [/^recurrence/, 'meeting-repeat'],
    [/^passcode/, 'meeting-passcode'],
    [/^settings\.maxParticipants/, 'meeting-max'],
    [/^reminderMinutes/, 'meeting-reminder'],
  ];
  for (const path of paths) {
    const found = byPath.find(([pattern]) => pattern.test(path));
    if (found) {
      return found[1];
    }
  }
  return undefined;
}

/** Day of month and weekday position for the monthly choice's labels. */
export function monthlyLabels(date: string): { day: number; position: 1 | 2 | 3 | 4 | -1; weekday: Weekday } {
  return { day: dayOfMonth(date), position: monthlyPositionOf(date), weekday: weekdayOf(date) };
}
