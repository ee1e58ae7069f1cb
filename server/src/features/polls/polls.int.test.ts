import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { captureLogs } from '../../media/test/log-capture.js';
import { createTestDatabase } from '../../test/test-database.js';
import { chatKit } from '../chat/test/chat-kit.js';
import { createPollsRepo } from './polls-repo.js';
import { createLivePolls } from './polls-service.js';
import { pollsHandlers } from './polls-handlers.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function pollKit() {
  const repo = createPollsRepo(database.db);
  const kit = await chatKit(database.db, {
    settings: { maxParticipants: 100 },
    extraHandlers: (registry) =>
      pollsHandlers({ registry, polls: createLivePolls({ repo, logger: captureLogs('warn').logger }) }),
  });
  return kit;
}

describe('polls', () => {
  it('counts 50 concurrent voters exactly and refuses double votes and votes after closing', async () => {
    const kit = await pollKit();
    const host = await kit.joinHost();
    const voters = [];
    for (let i = 0; i < 50; i += 1) {
      voters.push(await kit.joinGuest(`Person ${i}`));
    }
    await kit.send(host.connection, {
      type: 'poll.create',
      id: 'c1',
      question: 'Treffen wir uns im Sommer weiter?',
      options: ['Ja', 'Nein', 'Weiß nicht'],
      multiple: false,
      anonymous: true,
    });
    const draft = host.connection.last('poll.view')?.poll;
    expect(draft).toMatchObject({ status: 'draft', tallies: [0, 0, 0] });
    // A draft is the hosts' preparation: nobody else hears of it.
    expect(voters[0]?.connection.of('poll.view')).toEqual([]);
    const pollId = draft?.pollId ?? '';
    await kit.send(host.connection, { type: 'poll.launch', pollId });
    expect(voters[0]?.connection.last('poll.view')?.poll).toMatchObject({ status: 'open', tallies: null });

    // Everyone votes at once: person i chooses option i % 3.
    await Promise.all(
      voters.map((voter, i) =>
        kit.send(voter.connection, { type: 'poll.vote', id: `v${i}`, pollId, choices: [i % 3] }),
      ),
    );
    for (const [i, voter] of voters.entries()) {
      expect(voter.connection.last('poll.voted')).toEqual({
        type: 'poll.voted',
        id: `v${i}`,
        pollId,
        choices: [i % 3],
      });
    }
    // The hosts' live tally settles on the exact count.
    await until(() => host.connection.last('poll.view')?.poll.voters === 50);
    expect(host.connection.last('poll.view')?.poll.tallies).toEqual([17, 17, 16]);
    // Participants do not see results before they are shared.
    expect(voters[1]?.connection.of('poll.view').every((view) => view.poll.tallies === null)).toBe(true);

    // A second vote is refused to that voter only; a change replaces the first vote.
    const first = voters[0];
    if (!first) {
      throw new Error('no voter');
    }
    const othersBefore = voters[1]?.connection.received.length;
    await expect(
      kit.send(first.connection, { type: 'poll.vote', id: 'again', pollId, choices: [1] }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(voters[1]?.connection.received.length).toBe(othersBefore);
    await kit.send(first.connection, { type: 'poll.vote', id: 'change', pollId, choices: [1], change: true });
    await until(() => JSON.stringify(host.connection.last('poll.view')?.poll.tallies) === '[16,18,16]');

    // Unknown options and several answers to a single-choice poll are refused.
    await expect(
      kit.send(first.connection, { type: 'poll.vote', id: 'bad', pollId, choices: [7], change: true }),
    ).rejects.toMatchObject({ code: 'invalid_message' });
    await expect(
      kit.send(first.connection, { type: 'poll.vote', id: 'two', pollId, choices: [0, 1], change: true }),
    ).rejects.toMatchObject({ code: 'invalid_message' });

    // Closed: votes are refused; shared: everyone sees the result.
    await kit.send(host.connection, { type: 'poll.close', pollId });
    await expect(
      kit.send(first.connection, { type: 'poll.vote', id: 'late', pollId, choices: [0], change: true }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: 'This poll is closed. Votes are no longer possible.',
    });
    await kit.send(host.connection, { type: 'poll.share', pollId });
    expect(voters[5]?.connection.last('poll.view')?.poll).toMatchObject({
      status: 'closed',
      resultsShared: true,
      tallies: [16, 18, 16],
      voters: 50,
      named: null,
      yourChoices: [2],
    });
    const stored = await database.db
      .selectFrom('poll_votes')
      .select('voter_key')
      .where('poll_id', '=', pollId)
      .execute();
    expect(stored).toHaveLength(50);
    await kit.close();
  });

  it('shows hosts who chose what in a named poll, and keeps polls from participants who may not', async () => {
    const kit = await pollKit();
    const host = await kit.joinHost();
    const anna = await kit.joinGuest('Anna');
    await expect(
      kit.send(anna.connection, {
        type: 'poll.create',
        id: 'x',
        question: 'Darf ich?',
        options: ['a', 'b'],
        multiple: false,
        anonymous: true,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await kit.send(host.connection, {
      type: 'poll.create',
      id: 'c',
      question: 'Was bringen Sie mit?',
      options: ['Kuchen', 'Kaffee', 'Obst'],
      multiple: true,
      anonymous: false,
    });
    const pollId = host.connection.last('poll.view')?.poll.pollId ?? '';
    await kit.send(host.connection, { type: 'poll.launch', pollId });
    await kit.send(anna.connection, { type: 'poll.vote', id: 'v', pollId, choices: [2, 0] });
    await until(() => host.connection.last('poll.view')?.poll.voters === 1);
    expect(host.connection.last('poll.view')?.poll.named).toEqual([{ name: 'Anna', choices: [0, 2] }]);
    await kit.send(anna.connection, { type: 'poll.fetch', id: 'f' });
    expect(anna.connection.last('poll.list')?.polls[0]).toMatchObject({ named: null, yourChoices: [0, 2] });
    await kit.close();
  });
});

async function until(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
