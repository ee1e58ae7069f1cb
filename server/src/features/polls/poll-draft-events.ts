import { TypedEmitter } from '../../lib/typed-emitter.js';

/**
 * Drafts added or taken back on the meeting page (HTTP). The meetings feature announces them; the rooms feature
 * shows them to the hosts of a live room at once, so a host preparing polls on another device sees them there.
 */
export class PollDraftEvents extends TypedEmitter<{ changed: [occurrenceId: string, pollId: string] }> {
  changed(occurrenceId: string, pollId: string): void {
    this.emit('changed', occurrenceId, pollId);
  }
}
