/* Entry of the web page (dist/fulian-returns.html; npm start serves it at /fulian-returns.html and /). */
import './no-eval';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { PreviewApp } from './PreviewApp';

const container = document.getElementById('root');
if (!container) throw new Error('preview.html has no #root element');
const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <PreviewApp initialLang={lang} />
  </FluentProvider>,
);
