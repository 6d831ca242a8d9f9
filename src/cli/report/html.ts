/**
 * The review report as one self-contained HTML file: inline CSS and an inline SVG chart, no script, no font, nothing
 * fetched (a Content-Security-Policy of `default-src 'none'` says so to the browser). Readable on a phone: under
 * 720 px the table turns into one card per return. Every text that came from a return or a file name is escaped.
 */
import { formatPercent } from '../../engine/display';
import { isolated, shortLabel } from './safe-text';
import { LABELS, reviewHeaders, where, type Labels, type PlanCell, type ReviewModel, type ReviewRow } from './model';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML text node or a quoted attribute. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A fraction as the .xlsx report shows it under 0.00% (the engine's one rounding), so both reports agree. */
const pct = (v: number | null): string => (v === null ? '—' : formatPercent(v, 2));

const CSS = `
:root{--fg:#1f1f1f;--muted:#616161;--bg:#fff;--panel:#f5f5f5;--line:#d1d1d1;--err:#b10e1c;--err-bg:#fdf3f4;
--warn:#8a3707;--warn-bg:#fff9f5;--ok:#0e700e;--ok-bg:#f1faf1;--bar:#0f6cbd;--bar-behind:#c4314b;--tp:#1f1f1f}
*{box-sizing:border-box}
body{margin:0;padding:16px;font:14px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:15px;margin:16px 0 6px}
.muted{color:var(--muted)}
.summary{margin:0 0 12px}
.wrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--panel);font-weight:600;white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.has-errors td.errors,.sev-error{color:var(--err);font-weight:600}
tr.unreadable td{background:var(--err-bg)}
.sev-warning{color:var(--warn)}
td.behind{background:var(--err-bg);color:var(--err)}
td.exceeded,td.on-track{color:var(--ok)}
.chart svg{max-width:100%;height:auto}
.chart .bar{fill:var(--bar)}.chart .bar.behind{fill:var(--bar-behind)}
.chart .tp{stroke:var(--tp);stroke-width:2}.chart .axis{stroke:var(--line)}
.chart text{font-size:12px;fill:var(--fg)}
.findings section{border-top:1px solid var(--line);padding-top:4px}
.findings td.msg{min-width:16em}
a{color:var(--bar)}
td.unit{min-width:7em}
@media (max-width:720px){
  body{padding:10px}
  .wrap{border:0;overflow:visible}
  table.review thead{display:none}
  table.review,table.review tbody,table.review tr,table.review td{display:block;width:100%}
  table.review tr{border:1px solid var(--line);border-radius:6px;margin:0 0 10px;padding:4px 0}
  table.review td{border:0;padding:2px 10px;text-align:left;white-space:normal}
  table.review td::before{content:attr(data-label);display:inline-block;min-width:9em;color:var(--muted);font-weight:400}
  table.review td.unit{font-weight:600;font-size:15px}
  table.review td.unit::before{content:none}
  table.findings-table thead{display:none}
  table.findings-table tr{display:block;border-bottom:1px solid var(--line);padding:4px 0}
  table.findings-table td{display:block;border:0;padding:0 4px}
}
`;

function statusMark(L: Labels, p: PlanCell): string {
  // Not colour alone: behind carries a mark and a title.
  const mark = p.status === 'behind' ? ' ▼' : p.status === 'exceeded' ? ' ▲' : '';
  return `<span title="${esc(L.status[p.status])}">${pct(p.percent)}${mark}</span>`;
}

function tableRow(model: ReviewModel, L: Labels, row: ReviewRow, i: number): string {
  const cls = [row.error !== null ? 'unreadable' : '', row.errors > 0 ? 'has-errors' : ''].filter(Boolean).join(' ');
  const unit = row.unit ?? L.unknownUnit;
  const td = (label: string, body: string, c = ''): string => `<td${c ? ` class="${c}"` : ''} data-label="${esc(label)}">${body}</td>`;
  const cells = [
    td(L.unit, `<a href="#r${i + 1}">${esc(unit)}</a>`, 'unit'),
    td(L.file, `<span title="${esc(row.path)}">${esc(row.file)}</span>`, 'file'),
    td(L.period, esc(row.period ?? '—')),
    td(L.completeness, pct(row.completeness), 'num'),
  ];
  if (row.error !== null) {
    cells.push(`<td colspan="${4 + (model.lastYear ? 1 : 0) + model.planColumns.length}" data-label="${esc(L.note)}">${esc(`${L.unreadable}：${row.error}`)}</td>`);
  } else {
    cells.push(
      td(L.errors, String(row.errors), 'num errors'),
      td(L.warnings, String(row.warnings), 'num'),
      td(L.timeProgress, pct(row.timeProgress), 'num'),
      td(L.behind, String(row.behind), 'num'),
      ...(model.lastYear
        ? [td(L.yoy, row.yearOnYear ? `<span title="${esc(row.yearOnYear.sentences.join('\n'))}">${esc(L.yoyCounts(row.yearOnYear))}</span>` : '—', 'yoy')]
        : []),
      ...model.planColumns.map((c, j) => {
        const p = row.plans[j];
        // On a phone the card's label is the indicator; the column's meaning is in the desktop header.
        return td(`${c.code} ${c.name}`, p ? statusMark(L, p) : '—', `num ${p?.status ?? ''}`);
      }),
    );
  }
  return `<tr${cls ? ` class="${cls}"` : ''}>${cells.join('')}</tr>`;
}

/**
 * A horizontal bar per return: how many of its plan indicators lag 序时进度, out of those with a plan (an average would
 * hide a unit with 8 indicators behind under one far ahead). Each bar carries its count as text and as data-behind.
 */
function chart(model: ReviewModel, L: Labels): string {
  const rows = model.rows.filter((r) => r.error === null);
  if (rows.length === 0) return '';
  const labelW = 180;
  const barW = 420;
  const rowH = 24;
  const top = 24;
  const judged = (r: ReviewRow): number => r.plans.filter((p) => p.status !== 'no-plan').length;
  const max = Math.max(1, ...rows.map(judged));
  const width = labelW + barW + 110;
  const height = top + rows.length * rowH + 8;
  const x = (v: number): number => labelW + (Math.min(Math.max(v, 0), max) / max) * barW;
  const step = max <= 10 ? 1 : Math.ceil(max / 10 / 5) * 5;
  const tickValues: number[] = [];
  for (let v = 0; v < max; v += step) tickValues.push(v);
  tickValues.push(max);
  const ticks = tickValues
    .map((v) => `<line class="axis" x1="${x(v).toFixed(1)}" y1="${top - 6}" x2="${x(v).toFixed(1)}" y2="${height - 4}"/><text x="${x(v).toFixed(1)}" y="${top - 10}" text-anchor="middle">${v}</text>`)
    .join('');
  const bars = rows
    .map((r, i) => {
      const y = top + i * rowH;
      const unit = r.unit ?? L.unknownUnit;
      const shown = shortLabel(unit, 12);
      const of = judged(r);
      const w = x(r.behind) - labelW;
      return (
        `<g class="unit-bar" data-behind="${r.behind}" data-of="${of}"><title>${esc(`${isolated(unit)}：${L.behindOf(r.behind, of)}`)}</title>` +
        `<text class="unit" x="${labelW - 8}" y="${y + rowH / 2 + 4}" text-anchor="end">${esc(shown)}</text>` +
        `<rect class="bar${r.behind > 0 ? ' behind' : ''}" x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 10}"/>` +
        `<text class="count" x="${(labelW + Math.max(w, 0) + 4).toFixed(1)}" y="${y + rowH / 2 + 4}">${esc(L.behindOf(r.behind, of))}</text></g>`
      );
    })
    .join('');
  return (
    `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(L.chart)}">` +
    `<title>${esc(L.chart)}</title>${ticks}${bars}</svg><figcaption class="muted">${esc(L.chartNote)}</figcaption></figure>`
  );
}

function findingsSection(L: Labels, row: ReviewRow, i: number): string {
  const unit = row.unit ?? L.unknownUnit;
  const head = `<h3>${esc(row.error !== null ? L.unreadableOf(unit, row.file) : L.findingsOf(unit, row.file, row.findings.length))}</h3>`;
  if (row.error !== null) return `<section id="r${i + 1}">${head}<p class="sev-error">${esc(`${L.unreadable}：${row.error}`)}</p></section>`;
  const yoy = row.yearOnYear && row.yearOnYear.sentences.length > 0 ? `<p class="yoy">${esc(`${L.yoy}（${isolated(row.yearOnYear.file ?? '')}）：${row.yearOnYear.sentences.join('；')}`)}</p>` : '';
  if (row.findings.length === 0) return `<section id="r${i + 1}">${head}${yoy}<p class="muted">${esc(L.noFindings)}</p></section>`;
  const th = L.findingHeaders.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = row.findings
    .map(
      (f) =>
        `<tr><td class="sev-${f.severity}">${esc(L.severity[f.severity])}</td><td><code>${esc(f.rule)}</code></td>` +
        `<td>${esc(where(f))}</td><td>${esc(f.indicator ?? '')}</td><td class="msg">${esc(f.message)}</td></tr>`,
    )
    .join('');
  return `<section id="r${i + 1}">${head}${yoy}<div class="wrap"><table class="findings-table"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div></section>`;
}

export function reviewHtml(model: ReviewModel): string {
  const L = LABELS[model.lang];
  const headers = reviewHeaders(model)
    .map((h) => `<th scope="col">${esc(h)}</th>`)
    .join('');
  const t = model.totals;
  return `<!DOCTYPE html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(model.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(model.title)}</h1>
<p class="summary">${esc(L.totals(t.returns, t.withErrors, t.unreadable, t.behind))}</p>
<p class="muted">${esc(L.generated(model.templateVersion))}</p>
</header>
<main>
<h2>${esc(L.table)}</h2>
<div class="wrap"><table class="review"><thead><tr>${headers}</tr></thead>
<tbody>
${model.rows.map((r, i) => tableRow(model, L, r, i)).join('\n')}
</tbody></table></div>
<h2>${esc(L.chart)}</h2>
${chart(model, L)}
<h2>${esc(L.findings)}</h2>
<div class="findings">
${model.rows.map((r, i) => findingsSection(L, r, i)).join('\n')}
</div>
</main>
</body>
</html>
`;
}
