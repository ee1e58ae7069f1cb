import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app/App';
import { session } from './core/session';
import { initI18n } from './i18n/i18n';
import './ui/theme.css';
import './ui/shell.css';
import './ui/forms.css';
import './ui/lists.css';

// zod probes `new Function` for speed; our CSP forbids eval, so tell it not to try (no CSP violation reports).
z.config({ jitless: true });
initI18n();
void session.load();

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
