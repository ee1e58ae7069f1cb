import { createOrganisation, createUser, type CreatedUser } from '../../../test/factories.js';
import type { TestApp, TestClient } from '../../../test/test-app.js';

export { parseIcs, type IcsEvent } from './ics-parse.js';

export interface MeetingWorld {
  organisation: { id: string; name: string };
  otherOrganisation: { id: string; name: string };
  host: CreatedUser;
  hostClient: TestClient;
  otherHost: CreatedUser;
  otherHostClient: TestClient;
  admin: CreatedUser;
  adminClient: TestClient;
}

/** Two organisations with a logged-in host each, and a logged-in platform admin. */
export async function meetingWorld(t: TestApp): Promise<MeetingWorld> {
  const db = t.database.db;
  const organisation = await createOrganisation(db, { name: 'Angehörige Demenz' });
  const otherOrganisation = await createOrganisation(db, { name: 'Trauercafé' });
  const host = await createUser(db, { name: 'Hanna Host', organisationIds: [organisation.id] });
  const otherHost = await createUser(db, { name: 'Otto Other', organisationIds: [otherOrganisation.id] });
  const admin = await createUser(db, { role: 'platform_admin', name: 'Petra Plattform' });
  const login = async (user: CreatedUser) => {
    const client = t.client();
    await client.login(user.email, user.password);
    return client;
  };
  return {
    organisation,
    otherOrganisation,
    host,
    hostClient: await login(host),
    otherHost,
    otherHostClient: await login(otherHost),
    admin,
    adminClient: await login(admin),
  };
}

export interface MeetingJson {
  id: string;
  kind: 'single' | 'series';
  meetingId: string;
  title: string;
  passcode: string | null;
  status: string;
  settings: Record<string, unknown>;
  schedules: Array<{ id: string; rrule: string | null; firstStart: string; sequence: number }>;
  nextOccurrence: OccurrenceJson | null;
  dialIn: { available: boolean; numbers: unknown[] };
  host: { id: string; name: string } | null;
}

export interface OccurrenceJson {
  id: string;
  occurrenceKey: string;
  start: string;
  end: string;
  status: 'scheduled' | 'moved' | 'cancelled';
}

export const pinIn = (text: string): string | undefined => /PIN: (\d{6})/.exec(text)?.[1];

/** A weekly series on Tuesdays at 19:00 Berlin time, six dates from 19 March 2030 (DST starts on 31 March). */
export const weeklySeries = (organisationId: string, extra: Record<string, unknown> = {}) => ({
  organisationId,
  title: 'Gesprächskreis',
  firstStart: '2030-03-19T19:00',
  durationMinutes: 90,
  recurrence: { frequency: 'weekly', interval: 1, end: { type: 'count', count: 6 } },
  ...extra,
});

export const singleMeeting = (organisationId: string, extra: Record<string, unknown> = {}) => ({
  organisationId,
  title: 'Offenes Treffen',
  start: '2030-03-12T19:00',
  durationMinutes: 60,
  ...extra,
});
