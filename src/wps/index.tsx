/* Entry of the WPS 表格 task pane (bundled into dist/wps/taskpane.html): the Excel pane's App over the WPS host. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { standardTemplate } from '../engine/template/load';
import { App } from '../taskpane/App';
import { langFromDisplayLanguage } from '../taskpane/i18n';
import { createWpsHost, wpsApplication } from './host';

const container = document.getElementById('container');
if (!container) throw new Error('taskpane.html has no #container element');
const lang = langFromDisplayLanguage(navigator.language || 'zh-CN');
document.documentElement.lang = lang;

// WPS gives its add-in pages `window.Application`; opened elsewhere, the page says what it is instead of failing.
const application = wpsApplication(window);
if (!application) {
  const notice = document.getElementById('outside-wps');
  if (notice) notice.hidden = false;
} else {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={createWpsHost({ application })} template={standardTemplate()} lang={lang} />
    </FluentProvider>,
  );
}
