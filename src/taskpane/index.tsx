/* Entry of the Excel task pane (bundled into taskpane.html, loaded by loader.js). Thin on purpose: everything
   testable lives in App. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { standardTemplate } from '../engine/template/load';
import { App } from './App';
import { createExcelHost } from './excel';
import { langFromDisplayLanguage } from './i18n';

/** Shows one of taskpane.html's own notices in place of the pane. */
function notice(id: string): void {
  document.getElementById('fulian-loading')?.setAttribute('hidden', '');
  const el = document.getElementById(id);
  if (el) el.hidden = false;
}

Office.onReady((info) => {
  // Opened outside Office (a browser at the add-in's address), onReady says no host: the page says what it is.
  if (!info.host) {
    notice('fulian-outside');
    return;
  }
  const container = document.getElementById('container');
  if (!container) throw new Error('taskpane.html has no #container element');
  document.getElementById('fulian-loading')?.setAttribute('hidden', '');
  const lang = langFromDisplayLanguage(Office.context.displayLanguage);
  document.documentElement.lang = lang;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={createExcelHost()} template={standardTemplate()} lang={lang} />
    </FluentProvider>,
  );
});
