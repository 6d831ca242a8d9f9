/* Entry of the Excel task pane (bundled into taskpane.html). Thin on purpose: everything testable lives in App. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { standardTemplate } from '../engine/template/load';
import { App } from './App';
import { createExcelHost } from './excel';
import { langFromDisplayLanguage } from './i18n';

Office.onReady(() => {
  const container = document.getElementById('container');
  if (!container) throw new Error('taskpane.html has no #container element');
  const lang = langFromDisplayLanguage(Office.context.displayLanguage);
  document.documentElement.lang = lang;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={createExcelHost()} template={standardTemplate()} lang={lang} />
    </FluentProvider>,
  );
});
