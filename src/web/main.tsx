import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { i18nReady } from './i18n';
import './styles.css';
import { App } from './App';
import { keepScrollRegionsReachable } from './lib/scrollRegions';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
// First render once the start language's messages are there (English is a separate chunk), so no key flashes.
void i18nReady.then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
// Tables that scroll sideways can be reached and scrolled with the keyboard (drawers and modals render outside #root).
keepScrollRegionsReachable(document.body, (name) => (name ? i18next.t('a11y.scrollTableNamed', { name }) : i18next.t('a11y.scrollTable')));
