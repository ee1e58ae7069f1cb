import type { ParticipantView, ReactionView } from '../../core/meeting/meeting-types';

/** Up to two initials for a tile without video: "Anna Becker" → "AB", "anna" → "A". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const picked = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return picked.map((word) => Array.from(word ?? '')[0]?.toLocaleUpperCase('de') ?? '').join('') || '?';
}

/** The newest reaction of each person, to show on their tile. */
export function latestReactions(reactions: readonly ReactionView[]): Map<string, ReactionView> {
  const latest = new Map<string, ReactionView>();
  for (const reaction of reactions) {
    const before = latest.get(reaction.participantId);
    if (!before || before.seq < reaction.seq) {
      latest.set(reaction.participantId, reaction);
    }
  }
  return latest;
}

/** Everyone on the stage: this person first, then the others in the order they arrived (no reordering: calm). */
export function stageOrder(
  you: ParticipantView | undefined,
  participants: readonly ParticipantView[],
): ParticipantView[] {
  return you ? [you, ...participants] : [...participants];
}

/** The big tile of the speaker view: the speaker, else the first other person, else oneself. */
export function speakerTile(
  focus: string | undefined,
  everyone: readonly ParticipantView[],
  selfId: string | undefined,
): ParticipantView | undefined {
  return (
    everyone.find((participant) => participant.participantId === focus) ??
    everyone.find((participant) => participant.participantId !== selfId) ??
    everyone[0]
  );
}
