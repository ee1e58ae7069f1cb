import type { ClientMessage } from '@treffpunkt/protocol';
import { AppError, notFound } from '../../http/errors.js';
import type { Logger } from '../../lib/logger.js';
import { KeyedQueue } from '../chat/keyed-queue.js';
import type { LiveRoom } from '../rooms/live-room.js';
import { admittedSender, moderatorSender } from '../rooms/room-guards.js';
import { admittedOf, isModerator } from '../rooms/room-fns.js';
import { checkChoices, MAX_POLLS, maySee, pollView, tooManyPolls, type PollRecord } from './polls-fns.js';
import type { PollsRepo } from './polls-repo.js';

type CreateInput = Omit<Extract<ClientMessage, { type: 'poll.create' }>, 'type' | 'id'>;

const closedPoll = () => new AppError('forbidden', 403, 'This poll is closed. Votes are no longer possible.');

/**
 * Polls in live rooms. Every change of a poll is stored first and then shown to everyone concerned, one change
 * of an occurrence after the other: hosts and co-hosts see live tallies, everyone else their own vote and, once
 * shared, the results. A refused vote is the voter's error only.
 */
export function createLivePolls(deps: { repo: PollsRepo; logger: Logger; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());
  const log = deps.logger.child({ component: 'polls' });
  const queue = new KeyedQueue();

  const admitted = (room: LiveRoom, participantId: string) =>
    admittedSender(room, participantId, 'Polls open once you have been let in.');
  const moderator = (room: LiveRoom, participantId: string) =>
    moderatorSender(room, participantId, 'Polls open once you have been let in.');

  /** Sends the poll's current view to everyone admitted who may see it (hosts only: `hostsOnly`). */
  async function show(room: LiveRoom, poll: PollRecord, hostsOnly: boolean): Promise<void> {
    const votes = await deps.repo.votes(poll.id);
    for (const participant of admittedOf(room.state)) {
      const isHost = isModerator(participant);
      if ((hostsOnly && !isHost) || !maySee(poll, isHost)) {
        continue;
      }
      room.sendTo(participant.participantId, {
        type: 'poll.view',
        poll: pollView(poll, votes, { identityKey: participant.identityKey, isHost }),
      });
    }
  }

  async function change(
    room: LiveRoom,
    participantId: string,
    pollId: string,
    update: { status?: 'open' | 'closed'; resultsShared?: true },
    allowed: (poll: PollRecord) => boolean,
  ): Promise<void> {
    moderator(room, participantId);
    await queue.run(room.meetingKey, async () => {
      const poll = await deps.repo.find(room.meetingKey, pollId);
      if (!poll) {
        throw notFound('poll');
      }
      if (!allowed(poll)) {
        throw new AppError('forbidden', 409, 'This poll cannot be changed like that any more.');
      }
      const updated = await deps.repo.update(room.meetingKey, pollId, update, now());
      if (updated) {
        await show(room, updated, updated.status === 'draft');
      }
    });
  }

  return {
    async create(room: LiveRoom, participantId: string, input: CreateInput): Promise<void> {
      const host = moderator(room, participantId);
      await queue.run(room.meetingKey, async () => {
        if ((await deps.repo.count(room.meetingKey)) >= MAX_POLLS) {
          throw tooManyPolls();
        }
        const poll = await deps.repo.create(
          { ...input, occurrenceId: room.meetingKey, createdByKey: host.identityKey },
          now(),
        );
        log.info({ participant: participantId, options: poll.options.length }, 'poll prepared');
        await show(room, poll, true);
      });
    },

    launch: (room: LiveRoom, participantId: string, pollId: string) =>
      change(room, participantId, pollId, { status: 'open' }, (poll) => poll.status === 'draft'),
    close: (room: LiveRoom, participantId: string, pollId: string) =>
      change(room, participantId, pollId, { status: 'closed' }, (poll) => poll.status === 'open'),
    share: (room: LiveRoom, participantId: string, pollId: string) =>
      change(room, participantId, pollId, { resultsShared: true }, (poll) => poll.status !== 'draft'),

    /** Stores a vote (or with `change` replaces it); refusals go to the voter only. Resolves with the choices. */
    async vote(
      room: LiveRoom,
      participantId: string,
      input: { pollId: string; choices: number[]; change?: boolean | undefined },
    ): Promise<number[]> {
      const voter = admitted(room, participantId);
      const poll = await deps.repo.find(room.meetingKey, input.pollId);
      if (!poll || poll.status === 'draft') {
        throw notFound('poll');
      }
      const checked = checkChoices(poll, input.choices);
      if (!checked.ok) {
        throw new AppError(
          'invalid_message',
          400,
          checked.reason === 'one_only'
            ? 'Please choose exactly one answer.'
            : 'This answer is not part of the poll.',
        );
      }
      const outcome = await deps.repo.vote(
        poll.id,
        {
          voterKey: voter.identityKey,
          voterName: poll.anonymous ? null : voter.displayName,
          choices: checked.choices,
          change: input.change ?? false,
        },
        now(),
      );
      if (outcome === 'closed') {
        throw closedPoll();
      }
      if (outcome === 'not_found') {
        throw notFound('poll');
      }
      if (outcome === 'already_voted') {
        throw new AppError('forbidden', 409, 'You have already voted. You can change your vote instead.');
      }
      if (outcome === 'not_voted') {
        throw new AppError('forbidden', 409, 'There is no vote of yours to change yet.');
      }
      // Tallies to the hosts (and to everyone once shared), in the order the votes were stored.
      void queue
        .run(room.meetingKey, async () => {
          const current = await deps.repo.find(room.meetingKey, poll.id);
          if (current && !room.closed) {
            await show(room, current, !current.resultsShared);
          }
        })
        .catch(() => undefined);
      return checked.choices;
    },

    /**
     * A draft was added or taken back on the meeting page (HTTP) while the room is live: the hosts in the room
     * see it at once, in order with their own changes.
     */
    async draftChanged(room: LiveRoom, pollId: string): Promise<void> {
      await queue.run(room.meetingKey, async () => {
        const poll = await deps.repo.find(room.meetingKey, pollId);
        if (poll) {
          await show(room, poll, true);
          return;
        }
        for (const participant of admittedOf(room.state).filter(isModerator)) {
          room.sendTo(participant.participantId, { type: 'poll.removed', pollId });
        }
      });
    },

    async list(room: LiveRoom, participantId: string) {
      const reader = admitted(room, participantId);
      const isHost = isModerator(reader);
      const polls = (await deps.repo.forOccurrence(room.meetingKey)).filter((poll) => maySee(poll, isHost));
      return Promise.all(
        polls.map(async (poll) =>
          pollView(poll, await deps.repo.votes(poll.id), { identityKey: reader.identityKey, isHost }),
        ),
      );
    },
  };
}

export type LivePolls = ReturnType<typeof createLivePolls>;
