/**
 * `at` (default: now) in Berlin as the meetings API and the meeting form take a local start time
 * (YYYY-MM-DDTHH:mm). Tests and benchmarks create their meetings in Europe/Berlin.
 */
export function berlinTime(at = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(at)
    .replace(' ', 'T');
}
