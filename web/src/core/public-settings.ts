import { api, type ApiClient } from './api-client';
import { Store } from './store';

/** `GET /api/public/settings`: what anyone may read about the association running this Treffpunkt. */
export interface PublicSettings {
  associationName: string;
  associationContact: string;
  privacyNotice: string;
  imprint: string;
  defaultLanguage: 'de' | 'en';
}

export interface PublicSettingsState {
  status: 'loading' | 'ready' | 'failed';
  settings: PublicSettings | undefined;
}

/** Loaded once when first observed (footer, privacy and imprint pages); reloaded after admins save settings. */
export class PublicSettingsStore extends Store<PublicSettingsState> {
  private requested = false;

  constructor(private readonly client: ApiClient) {
    super({ status: 'loading', settings: undefined });
  }

  protected override onObserved(): void {
    if (!this.requested) {
      this.requested = true;
      void this.reload();
    }
  }

  async reload(): Promise<void> {
    try {
      const settings = await this.client.get<PublicSettings>('/api/public/settings');
      this.setState({ status: 'ready', settings });
    } catch {
      this.setState({ status: this.getSnapshot().settings ? 'ready' : 'failed' });
    }
  }
}

export const publicSettings = new PublicSettingsStore(api);
