import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { session } from './core/session';
import { initI18n } from './i18n/i18n';
import './ui/theme.css';
import './ui/shell.css';
import './ui/forms.css';
import './ui/lists.css';

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
