import { z } from 'zod';
import { requestId } from './envelope.js';

/**
 * Polls in a meeting: hosts and co-hosts prepare them (`poll.create`), launch one, see live tallies, may share
 * the results with everyone and close it. Each person has one vote, changeable until the poll closes. An
 * invalid vote is answered with an `error` to that client only.
 */

export const POLL_MAX_OPTIONS = 10;
export const pollId = z.uuid();
const pollText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !/[\p{Cc}]/u.test(value), 'no control characters');

export const pollStatus = z.enum(['draft', 'open', 'closed']);

export const pollView = z.object({
  pollId,
  question: z.string(),
  options: z.array(z.string()),
  multiple: z.boolean(),
  anonymous: z.boolean(),
  status: pollStatus,
  resultsShared: z.boolean(),
  /** Votes per option: hosts always, everyone else once the results are shared. */
  tallies: z.array(z.number().int().min(0)).nullable(),
  /** How many people voted (with `tallies`). */
  voters: z.number().int().min(0).nullable(),
  /** Who chose what: hosts only, named polls only. */
  named: z.array(z.object({ name: z.string(), choices: z.array(z.number().int()) })).nullable(),
  /** The recipient's own vote, if any. */
  yourChoices: z.array(z.number().int()).nullable(),
});
export type PollView = z.infer<typeof pollView>;

export const pollClientMessages = [
  z.object({
    type: z.literal('poll.create'),
    id: requestId,
    question: pollText(300),
    options: z.array(pollText(120)).min(2).max(POLL_MAX_OPTIONS),
    multiple: z.boolean(),
    anonymous: z.boolean(),
  }),
  z.object({ type: z.literal('poll.launch'), pollId }),
  z.object({
    type: z.literal('poll.vote'),
    id: requestId,
    pollId,
    choices: z.array(z.number().int().min(0).max(POLL_MAX_OPTIONS)).min(1).max(POLL_MAX_OPTIONS),
    /** Replaces this person's earlier vote; without it a second vote is refused. */
    change: z.boolean().optional(),
  }),
  z.object({ type: z.literal('poll.close'), pollId }),
  z.object({ type: z.literal('poll.share'), pollId }),
  /** Every poll the sender may see (hosts: all, including drafts): on admission and after reconnecting. */
  z.object({ type: z.literal('poll.fetch'), id: requestId }),
] as const;

export const pollServerMessages = [
  z.object({ type: z.literal('poll.view'), poll: pollView }),
  z.object({ type: z.literal('poll.list'), id: requestId, polls: z.array(pollView) }),
  z.object({ type: z.literal('poll.voted'), id: requestId, pollId, choices: z.array(z.number().int()) }),
  /** Hosts only: a draft was taken back (on the meeting page) while the room is live. */
  z.object({ type: z.literal('poll.removed'), pollId }),
] as const;
