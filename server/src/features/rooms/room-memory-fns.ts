import { z } from 'zod';
import { hashResumeToken, MAX_REMOVED_IDENTITIES, type RoomState } from './room-fns.js';
import type { RoomRole } from './rooms-types.js';

/**
 * What a live meeting keeps across a server restart: the host's decisions (lock, removals, self-unmute) and
 * who was in (so that they come back without a second trip through the waiting room). Only hashes of resume
 * tokens are kept, as in memory.
 */
export const roomMemoryRecord = z.object({
  locked: z.boolean(),
  allowSelfUnmute: z.boolean(),
  removedIdentities: z.array(z.string()).max(MAX_REMOVED_IDENTITIES),
  admitted: z
    .array(
      z.object({
        identityKey: z.string(),
        role: z.enum(['host', 'cohost', 'participant']),
        resumeHash: z.string(),
      }),
    )
    .max(5_000),
});
export type RoomMemoryRecord = z.infer<typeof roomMemoryRecord>;

/** The part of the state worth keeping; `resumeHashOf` gives each admitted seat's current token hash. */
export function memoryOf(
  state: RoomState,
  resumeHashOf: (participantId: string) => string | undefined,
): RoomMemoryRecord {
  const admitted = [...state.participants.values()].flatMap((participant) => {
    const resumeHash = resumeHashOf(participant.participantId);
    return participant.status === 'admitted' && resumeHash
      ? [{ identityKey: participant.identityKey, role: participant.role, resumeHash }]
      : [];
  });
  return {
    locked: state.locked,
    allowSelfUnmute: state.allowSelfUnmute,
    removedIdentities: [...state.removedIdentities],
    admitted,
  };
}

/** A fresh room after a restart: the host's decisions as they were. */
export function restoreDecisions(state: RoomState, memory: RoomMemoryRecord): RoomState {
  return {
    ...state,
    locked: memory.locked,
    allowSelfUnmute: memory.allowSelfUnmute,
    removedIdentities: new Set(memory.removedIdentities),
  };
}

/**
 * Whether someone entering a restarted room was in it before: their resume token's hash is remembered, and it
 * was theirs (a personal credential must match; anonymous entries are new identities each time, as in
 * decideRejoin). Returns the role they had (a co-host stays co-host), or undefined.
 */
export function rememberedRole(
  memory: RoomMemoryRecord | undefined,
  identityKey: string,
  resumeToken: string,
  used: ReadonlySet<string>,
): RoomRole | undefined {
  if (!memory || used.has(resumeToken)) {
    return undefined;
  }
  const hash = hashResumeToken(resumeToken);
  const seat = memory.admitted.find((entry) => entry.resumeHash === hash);
  const anonymous = identityKey.startsWith('anonymous:') && seat?.identityKey.startsWith('anonymous:');
  return seat && (seat.identityKey === identityKey || anonymous) ? seat.role : undefined;
}
