import { z } from 'zod';
import { idSchema, languageSchema, singleLineSchema } from '../accounts/accounts-schemas.js';
import { MAX_SCHEDULES, DEFAULT_TIME_ZONE } from './meetings-fns.js';
import {
  durationMinutesSchema,
  localDateTimeSchema,
  recurrenceSchema,
  timeZoneSchema,
} from './recurrence-schemas.js';

export const titleSchema = singleLineSchema(200).min(1);
/** Several lines allowed (CRLF becomes LF); no other control characters. */
export const descriptionSchema = z
  .string()
  .max(4000)
  .transform((text) => text.replace(/\r\n?/g, '\n').trim())
  .refine((text) => !/[^\P{Cc}\n\t]/u.test(text), 'no control characters');
/** Typed by people: printable ASCII without spaces, so that it survives reading aloud and pasting. */
export const passcodeSchema = z
  .string()
  .trim()
  .min(6)
  .max(64)
  .regex(/^[\x21-\x7E]+$/, 'letters, digits and symbols without spaces');

export const settingsSchema = z.object({
  waitingRoom: z.boolean(),
  joinBeforeHost: z.boolean(),
  muteOnEntry: z.boolean(),
  cameraOffOnEntry: z.boolean(),
  chat: z.boolean(),
  dialIn: z.boolean(),
  /** A meeting-wide dial-in PIN besides the personal ones (callers appear as "Telefon 1", …). */
  phonePin: z.boolean(),
  e2ee: z.boolean(),
  maxParticipants: z.number().int().min(2).max(1000),
});
const settingsPatchSchema = settingsSchema.partial().strict();
const reminderSchema = z.number().int().min(10).max(10080).nullable();
const coHostIdsSchema = z
  .array(idSchema)
  .max(10)
  .transform((ids) => [...new Set(ids)]);

const meetingFields = {
  organisationId: idSchema,
  /** Platform admins set up meetings for a host; hosts only for themselves. */
  hostUserId: idSchema.optional(),
  coHostIds: coHostIdsSchema.default([]),
  title: titleSchema,
  description: descriptionSchema.default(''),
  timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
  durationMinutes: durationMinutesSchema,
  settings: settingsPatchSchema.default({}),
  /** Left out: a random one. Null: no passcode. */
  passcode: passcodeSchema.nullable().optional(),
  reminderMinutes: reminderSchema.default(null),
};

export const createMeetingSchema = z.object({ ...meetingFields, start: localDateTimeSchema });
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

export const createSeriesSchema = z.object({
  ...meetingFields,
  firstStart: localDateTimeSchema,
  recurrence: recurrenceSchema,
});
export type CreateSeriesInput = z.infer<typeof createSeriesSchema>;

export const updateMeetingSchema = z
  .object({
    title: titleSchema,
    description: descriptionSchema,
    hostUserId: idSchema,
    coHostIds: coHostIdsSchema,
    settings: settingsPatchSchema,
    passcode: passcodeSchema.nullable(),
    /** A new meeting-wide PIN (the old one stops working); only while `settings.phonePin` is on. */
    renewPhonePin: z.literal(true),
    reminderMinutes: reminderSchema,
    /** Single meetings only; a series changes its dates through its occurrences. */
    start: localDateTimeSchema,
    durationMinutes: durationMinutesSchema,
    timeZone: timeZoneSchema,
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type UpdateMeetingInput = z.infer<typeof updateMeetingSchema>;

export const moveOccurrenceSchema = z.object({
  start: localDateTimeSchema,
  durationMinutes: durationMinutesSchema.optional(),
});

/** "This and following": a new first start (wall time), length and/or rhythm from this occurrence on. */
export const splitSeriesSchema = z
  .object({
    firstStart: localDateTimeSchema,
    durationMinutes: durationMinutesSchema,
    recurrence: recurrenceSchema,
  })
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, 'nothing to change');

export const meetingParamsSchema = z.object({ id: idSchema });
export const occurrenceParamsSchema = z.object({ id: idSchema, occurrenceId: idSchema });

const pageFields = {
  scope: z.enum(['mine', 'organisation', 'all']).default('mine'),
  organisationId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};
export const occurrencesQuerySchema = z.object({
  ...pageFields,
  when: z.enum(['upcoming', 'past']).default('upcoming'),
});
export const meetingsQuerySchema = z.object({
  ...pageFields,
  kind: z.enum(['single', 'series']).optional(),
  when: z.enum(['current', 'past']).default('current'),
  status: z.enum(['active', 'cancelled']).default('active'),
});
export const seriesOccurrencesQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const invitationTextQuerySchema = z.object({ language: languageSchema.optional() });

const refSchema = z.object({ id: z.string(), name: z.string() });
export const occurrenceResponseSchema = z.object({
  id: z.string(),
  /** The original wall-clock start in the meeting's zone; stays when the date is moved. */
  occurrenceKey: z.string(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  status: z.enum(['scheduled', 'moved', 'cancelled']),
});

export const meetingResponseSchema = z.object({
  id: z.string(),
  kind: z.enum(['single', 'series']),
  /** The digits people type (web form, phone keypad). */
  meetingId: z.string(),
  title: z.string(),
  description: z.string(),
  organisation: refSchema,
  host: refSchema.nullable(),
  coHosts: z.array(refSchema),
  timeZone: z.string(),
  settings: settingsSchema,
  passcode: z.string().nullable(),
  /**
   * The meeting-wide dial-in PIN while it is on and callers can use it (dial-in offered, not end-to-end
   * encrypted); null otherwise.
   */
  phonePin: z.string().nullable(),
  reminderMinutes: z.number().nullable(),
  status: z.enum(['active', 'cancelled']),
  cancelledAt: z.iso.datetime().nullable(),
  firstStartAt: z.iso.datetime(),
  lastEndAt: z.iso.datetime(),
  schedules: z
    .array(
      z.object({
        id: z.string(),
        rrule: z.string().nullable(),
        firstStart: z.string(),
        durationMinutes: z.number(),
        sequence: z.number(),
        recurrence: recurrenceSchema.nullable(),
      }),
    )
    .max(MAX_SCHEDULES),
  nextOccurrence: occurrenceResponseSchema.nullable(),
  dialIn: z.object({
    available: z.boolean(),
    numbers: z.array(z.object({ label: z.string(), number: z.string() })),
  }),
  /** The join page for meeting ID and passcode, for the invitation text the host shares. */
  joinUrl: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MeetingResponse = z.infer<typeof meetingResponseSchema>;

const meetingRefResponseSchema = z.object({
  id: z.string(),
  kind: z.enum(['single', 'series']),
  meetingId: z.string(),
  title: z.string(),
  timeZone: z.string(),
  status: z.enum(['active', 'cancelled']),
  organisation: refSchema,
  host: refSchema.nullable(),
});

export const dashboardOccurrencesResponseSchema = z.object({
  items: z.array(
    occurrenceResponseSchema.extend({
      meeting: meetingRefResponseSchema,
      /** Past occurrences: messages and polls kept from the meeting, and the day they are deleted. */
      records: z
        .object({ chatMessages: z.number(), polls: z.number(), keptUntil: z.iso.datetime() })
        .optional(),
    }),
  ),
  total: z.number(),
});

export const meetingListResponseSchema = z.object({
  items: z.array(
    meetingRefResponseSchema.extend({
      firstStartAt: z.iso.datetime(),
      lastEndAt: z.iso.datetime(),
      nextStart: z.iso.datetime().nullable(),
    }),
  ),
  total: z.number(),
});

export const seriesOccurrencesResponseSchema = z.object({ items: z.array(occurrenceResponseSchema) });
