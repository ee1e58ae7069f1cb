import type { ParticipantView, Role } from '../../core/meeting/meeting-types';

export type HostMenuAction =
  'mute' | 'askUnmute' | 'stopVideo' | 'lowerHand' | 'makeCohost' | 'removeCohost' | 'remove';

const rank: Record<Role, number> = { participant: 0, cohost: 1, host: 2 };

/**
 * What a host or co-host may do to someone, in menu order — the server's rules (room-access-fns.ts `can`), so
 * the menu never offers what would be refused: nobody acts on a higher role, removing needs a strictly higher
 * role, only the host appoints co-hosts. Offered only when it changes something (no "mute" for a muted person).
 */
export function hostMenuActions(me: ParticipantView | undefined, target: ParticipantView): HostMenuAction[] {
  if (!me || me.role === 'participant' || me.participantId === target.participantId) {
    return [];
  }
  const actions: HostMenuAction[] = [];
  const mayModerate = rank[target.role] <= rank[me.role];
  if (mayModerate && !target.micMuted) {
    actions.push('mute');
  }
  if (mayModerate && target.micMuted) {
    actions.push('askUnmute');
  }
  if (mayModerate && target.cameraOn) {
    actions.push('stopVideo');
  }
  if (target.handRaisedAt !== null) {
    actions.push('lowerHand');
  }
  if (me.role === 'host' && target.role === 'participant') {
    actions.push('makeCohost');
  }
  if (me.role === 'host' && target.role === 'cohost') {
    actions.push('removeCohost');
  }
  if (rank[target.role] < rank[me.role]) {
    actions.push('remove');
  }
  return actions;
}
