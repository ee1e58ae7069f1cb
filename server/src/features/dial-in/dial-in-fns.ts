/**
 * The name of a caller with the meeting-wide PIN: "Telefon 1", "Telefon 2", … — the lowest number nobody in
 * the live room (waiting or admitted) bears right now.
 *
 * A caller who hangs up frees their number. That is what people expect of such labels: the numbers stay
 * small and match how many phones are in the meeting, and a caller whose line dropped and who dials again
 * usually gets their old name back (we must not recognise them by their number: it is never stored), so the
 * host sees "Telefon 2" return rather than a stranger "Telefon 5". A browser guest who named themselves
 * "Telefon 1" holds that number too, so no two people carry the same label.
 */
export function numberedPhoneName(base: string, taken: Iterable<string>): string {
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ([1-9][0-9]{0,5})$`);
  const used = new Set<number>();
  for (const name of taken) {
    const match = pattern.exec(name.trim());
    if (match?.[1] !== undefined) {
      used.add(Number(match[1]));
    }
  }
  let number = 1;
  while (used.has(number)) {
    number += 1;
  }
  return `${base} ${number}`;
}
