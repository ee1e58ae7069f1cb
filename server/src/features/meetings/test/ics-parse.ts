import ICAL from 'ical.js';

export interface IcsEvent {
  uid: string;
  sequence: number;
  summary: string;
  status: string;
  /** Start as an ISO instant. */
  start: string;
  recurrenceId: string | undefined;
  rrule: string | undefined;
  attendee: string | undefined;
  description: string;
}

/** An .ics parsed with ical.js (Mozilla's parser): METHOD and every VEVENT. */
export function parseIcs(text: string): { method: string; events: IcsEvent[] } {
  const calendar = ICAL.Component.fromString(text);
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const recurrenceId = component.getFirstPropertyValue('recurrence-id');
    const rrule = component.getFirstPropertyValue('rrule');
    const attendee = component.getFirstPropertyValue('attendee');
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      status: String(component.getFirstPropertyValue('status') ?? ''),
      start: event.startDate.toJSDate().toISOString(),
      recurrenceId: recurrenceId ? (recurrenceId as ICAL.Time).toJSDate().toISOString() : undefined,
      rrule: rrule ? String(rrule) : undefined,
      attendee: attendee ? String(attendee) : undefined,
      description: event.description,
    };
  });
  return { method: String(calendar.getFirstPropertyValue('method') ?? ''), events };
}
