import { Store } from './store';

/**
 * A message for the next page, e.g. "The organisation has been created." after a form sends you elsewhere.
 * The next page reads it once (`peek` on mount) and clears it.
 */
export class FlashStore extends Store<{ message: string | undefined }> {
  constructor() {
    super({ message: undefined });
  }

  show(message: string): void {
    this.setState({ message });
  }

  peek(): string | undefined {
    return this.getSnapshot().message;
  }

  clear(): void {
    if (this.getSnapshot().message !== undefined) {
      this.setState({ message: undefined });
    }
  }
}

export const flash = new FlashStore();
