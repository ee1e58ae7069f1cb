import type { ClientMessage, PollView, ServerMessage, SignallingErrorCode } from '@treffpunkt/protocol';
import { Store } from '../store';

export interface PollState {
  polls: PollView[];
  /** Why the server refused this person's last poll action (e.g. the poll closed meanwhile). */
  problem: string | undefined;
  /** Its error code, which the panel words in the person's language. */
  problemCode: SignallingErrorCode | undefined;
}

const requestPrefix = 'poll-';

/** Open polls this person has not answered yet (for the badge on the polls button). */
export const unansweredPolls = (polls: readonly PollView[]): number =>
  polls.filter((poll) => poll.status === 'open' && poll.yourChoices === null).length;

/**
 * The meeting's polls as one person sees them. Fed every server message by the meeting client; asks for all
 * polls whenever the room is (again) entered.
 */
export class PollClient extends Store<PollState> {
  private counter = 0;

  constructor(private readonly transport: (message: ClientMessage) => void) {
    super({ polls: [], problem: undefined, problemCode: undefined });
  }

  create(input: { question: string; options: string[]; multiple: boolean; anonymous: boolean }): void {
    this.transport({ type: 'poll.create', id: this.requestId(), ...input });
  }

  launch(pollId: string): void {
    this.transport({ type: 'poll.launch', pollId });
  }

  close(pollId: string): void {
    this.transport({ type: 'poll.close', pollId });
  }

  share(pollId: string): void {
    this.transport({ type: 'poll.share', pollId });
  }

  vote(pollId: string, choices: number[]): void {
    const poll = this.getSnapshot().polls.find((item) => item.pollId === pollId);
    const change = poll?.yourChoices !== null && poll?.yourChoices !== undefined;
    this.setState({ problem: undefined, problemCode: undefined });
    this.transport({
      type: 'poll.vote',
      id: this.requestId(),
      pollId,
      choices,
      ...(change ? { change } : {}),
    });
  }

  onAdmitted(): void {
    this.transport({ type: 'poll.fetch', id: `${requestPrefix}list` });
  }

  onMessage(message: ServerMessage): boolean {
    switch (message.type) {
      case 'poll.view':
        this.upsert(message.poll);
        return true;
      case 'poll.list':
        this.setState({ polls: message.polls });
        return true;
      case 'poll.removed':
        this.setState({ polls: this.getSnapshot().polls.filter((poll) => poll.pollId !== message.pollId) });
        return true;
      case 'poll.voted': {
        const poll = this.getSnapshot().polls.find((item) => item.pollId === message.pollId);
        if (poll) {
          this.upsert({ ...poll, yourChoices: message.choices });
        }
        return true;
      }
      case 'error':
        if (message.id?.startsWith(requestPrefix)) {
          this.setState({ problem: message.message, problemCode: message.error });
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  private upsert(poll: PollView): void {
    const { polls } = this.getSnapshot();
    const known = polls.some((item) => item.pollId === poll.pollId);
    this.setState({
      polls: known ? polls.map((item) => (item.pollId === poll.pollId ? poll : item)) : [...polls, poll],
    });
  }

  private requestId(): string {
    this.counter += 1;
    return `${requestPrefix}${this.counter}`;
  }
}
