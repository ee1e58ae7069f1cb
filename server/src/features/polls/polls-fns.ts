import type { PollView } from '@treffpunkt/protocol';
import { conflict } from '../../http/errors.js';

export interface PollRecord {
  id: string;
  occurrenceId: string;
  question: string;
  options: string[];
  multiple: boolean;
  anonymous: boolean;
  status: 'draft' | 'open' | 'closed';
  resultsShared: boolean;
  createdAt: Date;
}

export interface VoteRecord {
  voterKey: string;
  voterName: string | null;
  choices: number[];
}

export type ChoiceCheck =
  { ok: true; choices: number[] } | { ok: false; reason: 'unknown_option' | 'one_only' };

/** A vote's choices, sorted and without repeats; unknown options and several choices in a single-choice poll fail. */
export function checkChoices(
  poll: Pick<PollRecord, 'options' | 'multiple'>,
  choices: readonly number[],
): ChoiceCheck {
  const unique = [...new Set(choices)].sort((a, b) => a - b);
  if (unique.some((choice) => !Number.isInteger(choice) || choice < 0 || choice >= poll.options.length)) {
    return { ok: false, reason: 'unknown_option' };
  }
  if (!poll.multiple && unique.length !== 1) {
    return { ok: false, reason: 'one_only' };
  }
  return unique.length === 0 ? { ok: false, reason: 'unknown_option' } : { ok: true, choices: unique };
}

/** Votes per option and the number of people who voted. */
export function tally(optionCount: number, votes: readonly Pick<VoteRecord, 'choices'>[]) {
  const counts = Array.from({ length: optionCount }, () => 0);
  for (const vote of votes) {
    for (const choice of vote.choices) {
      if (choice >= 0 && choice < optionCount) {
        counts[choice] = (counts[choice] ?? 0) + 1;
      }
    }
  }
  return { counts, voters: votes.length };
}

/** What one person sees of a poll: hosts the live tallies (and names in named polls), others once shared. */
export function pollView(
  poll: PollRecord,
  votes: readonly VoteRecord[],
  reader: { identityKey: string; isHost: boolean },
): PollView {
  const showResults = reader.isHost || poll.resultsShared;
  const { counts, voters } = tally(poll.options.length, votes);
  return {
    pollId: poll.id,
    question: poll.question,
    options: poll.options,
    multiple: poll.multiple,
    anonymous: poll.anonymous,
    status: poll.status,
    resultsShared: poll.resultsShared,
    tallies: showResults ? counts : null,
    voters: showResults ? voters : null,
    named:
      reader.isHost && !poll.anonymous
        ? votes.map((vote) => ({ name: vote.voterName ?? '', choices: vote.choices }))
        : null,
    yourChoices: votes.find((vote) => vote.voterKey === reader.identityKey)?.choices ?? null,
  };
}

/** Who may see a poll at all: drafts are the hosts' preparation. */
export const maySee = (poll: Pick<PollRecord, 'status'>, isHost: boolean): boolean =>
  isHost || poll.status !== 'draft';

/** Polls one occurrence may have: preparation, not a survey tool. */
export const MAX_POLLS = 50;

export const tooManyPolls = () =>
  conflict('too_many_polls', `A meeting can have at most ${MAX_POLLS} polls.`);
