/**
 * A template as a workbook a federation edits in Excel or WPS (spec section 8), and back. One sheet per part —
 * data sheets, cover fields, indicators, two-plan default rows, rules — in Chinese labels, with the remaining settings
 * (column labels, units, progress, tolerances, 汇总 headers, 摘要 wording) as one path/value list, and a 说明 sheet
 * explaining every column. Reading it back reports each mistake at its sheet and cell. Pure: cells in, cells out.
 */
import { a1 } from '../address';
import { bool, num, text, type Cell, type CellValue } from '../cell';
import { RULE_IDS } from '../findings';
import { MemoryWorkbook, type MemorySheet } from '../memory-workbook';
import type { SheetView, WorkbookView } from '../workbook';
import { parseTemplate } from './load';
import type { Indicator, Template } from './schema';

/** A list a column's cells must come from (an Excel data validation), by sheet. */
export interface ListValidation {
  readonly sheet: string;
  /** e.g. `E2:E1000` */
  readonly sqref: string;
  readonly list: readonly string[];
}

export interface TemplateBook {
  readonly workbook: MemoryWorkbook;
  readonly validations: readonly ListValidation[];
}

/** One mistake in a template workbook: where (sheet, A1 cell or null for the sheet as a whole) and what. */
export interface BookProblem {
  readonly sheet: string;
  readonly cell: string | null;
  readonly message: string;
}

export type BookResult = { readonly ok: true; readonly template: Template } | { readonly ok: false; readonly problems: readonly BookProblem[] };

export const BOOK_SHEETS = {
  readme: '说明',
  sheets: '工作表',
  cover: '封面字段',
  indicators: '指标',
  twoPlan: '两纲默认指标',
  rules: '检查规则',
  settings: '其他设置',
} as const;

const YES = '是';
const NO = '否';
const KINDS = { flow: '流量', stock: '存量', rate: '比率' } as const;
const FIELD_TYPES = { text: '文本', 'division-code': '行政区划代码', period: '报告期', phone: '电话', date: '日期' } as const;
const REQUIRED = { error: YES, warning: '提醒', none: NO } as const;
const SEVERITIES = { error: '错误', warning: '警告', info: '提示' } as const;
/** How an empty text is written in 其他设置 (a blank cell means the setting is absent). */
const EMPTY_TEXT = '""';
/** Rows a list validation covers below the header. */
const VALIDATED_ROWS = 1000;

interface Column {
  readonly label: string;
  readonly required: boolean;
  readonly help: string;
}

const col = (label: string, required: boolean, help: string): Column => ({ label, required, help });

const COLUMNS = {
  sheets: [col('工作表名称', true, '数据表的工作表名称（报表中的标签页名）'), col('表标题', true, '该表第 1 行的标题')],
  cover: [
    col('字段键', true, '程序内部使用的字段名（unit、period、phone 等），新增字段可自取英文名'),
    col('标签', true, '封面 A 列的标签文字，报表中按此文字查找'),
    col('类型', true, `${Object.values(FIELD_TYPES).join('、')}：决定如何检查该字段`),
    col('必填', true, `${YES}＝为空时报错误；${REQUIRED.warning}＝为空时报警告；${NO}＝可不填`),
  ],
  indicators: [
    col('指标代码', true, '唯一代码，如 A01；报表中按代码查找指标行'),
    col('所在工作表', true, '指标所在的数据表，须是「工作表」中列出的名称'),
    col('指标名称', true, '报表中显示的名称'),
    col('计量单位', true, '人、人次、万元、% 等'),
    col('类型', true, `${KINDS.flow}＝季度相加；${KINDS.stock}＝取报告季度的值；${KINDS.rate}＝分子÷分母，须在「关系」中写明`),
    col('年计划', true, `${YES}＝有年度计划，须填年计划并计算完成年计划(%)`),
    col('整数', true, `${YES}＝只能填整数（人数、件数等）`),
    col('关系', false, '与其他指标的关系：「= A05 + A06」各项之和等于本指标；「属于 A01（≤）」本指标不得超过 A01；「属于 A04」是 A04 的组成部分；「A07 ÷ A04」比率的分子与分母。多个关系用「；」分隔'),
  ],
  twoPlan: [
    col('指标代码', true, '唯一代码，如 W01、K01'),
    col('规划', true, '妇女 或 儿童（见「其他设置」中的 twoPlan.plans）'),
    col('领域', true, '健康、教育、决策管理 等'),
    col('指标名称', true, '报表中显示的名称'),
    col('计量单位', true, '%、‰、1/10万 等'),
    col('方向', true, '≥＝越高越好；≤＝越低越好'),
    col('基期值', false, '基期（如 2020 年）的数值，可不填，由各地填写'),
    col('中期目标', false, '可不填；写法同终期目标'),
    col('终期目标', true, '数字（12、70%、≥90），或按规划原文：比2020年降低20%、提高5个百分点、逐步提高、50%左右'),
    col('责任单位', false, '提供数据的部门（卫健局、教育局等），可不填'),
  ],
  rules: [
    col('规则', true, '规则代码（不可改名，见合同第 4 节）'),
    col('级别', true, `${Object.values(SEVERITIES).join('、')}`),
    col('中文提示', true, '问题提示文字；{indicator}、{name}、{sheet} 等花括号占位符由程序填入'),
    col('英文提示', true, '英文界面的提示文字'),
  ],
  settings: [
    col('设置项', true, '设置的位置（如 dataColumns.code 为数据表「指标代码」列的表头文字），不要改动'),
    col('值', false, `设置的值；空文本写作 ${EMPTY_TEXT}，空单元格表示不设置`),
    col('说明', false, '仅供阅读'),
  ],
} as const satisfies Record<string, readonly Column[]>;

/** What each group of 其他设置 holds, by path prefix (longest first wins). */
const SETTING_HELP: readonly [string, string][] = [
  ['$schema', '模板格式标识'],
  ['id', '模板代码（报表封面的模板版本印记中使用）'],
  ['version', '模板版本号；改动模板时请改为新版本号，如 2026.3'],
  ['title', '模板标题（中文 / 英文）'],
  ['sheets.cover', '封面工作表名称'],
  ['sheets.twoPlan', '两纲监测工作表名称'],
  ['sheets.summary', '汇总工作表名称（由工具写入）'],
  ['cover.title', '封面标题'],
  ['cover.stampLabel', '封面最后一行「模板版本」的标签'],
  ['dataColumns.order', '数据表各列的顺序（新建报表时使用）'],
  ['dataColumns.toolOwned', '由工具写入公式的列'],
  ['dataColumns', '数据表的表头文字'],
  ['twoPlan.columns.order', '两纲监测表各列的顺序（新建报表时使用）'],
  ['twoPlan.columns.toolOwned', '由工具写入的列'],
  ['twoPlan.columns', '两纲监测表的表头文字'],
  ['twoPlan.plans', '两纲的规划名称'],
  ['twoPlan.directions', '方向的写法（higher 越高越好，lower 越低越好）'],
  ['twoPlan.statuses', '达标状态的文字'],
  ['units', '可互相换算的单位：dimension 相同者可换算，factor 为换算到基本单位的倍数'],
  ['progress.timeProgressByQuarter', '各季度的序时进度'],
  ['progress.statuses', '进度状态的文字'],
  ['tolerances', '容差：money 金额（万元）、ratePoints 比率（百分点）、outlier 异常值倍数'],
  ['summary', '汇总表的标题、表头和数字格式'],
  ['phrases', '数据摘要的措辞（zh-CN 中文，en 英文）'],
];

/** Parts with a sheet of their own; everything else of the template goes to 其他设置. */
const OWN_SHEET_PATHS = ['sheets.data', 'cover.fields', 'indicators', 'twoPlan.defaultRows', 'rules'];

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** The template as a workbook: 说明 first, then one sheet per part, list validations for kinds and yes/no columns. */
export function templateToBook(t: Template): TemplateBook {
  const wb = new MemoryWorkbook();
  const validations: ListValidation[] = [];
  const readme = wb.addSheet(BOOK_SHEETS.readme);
  const list = (sheet: string, columns: readonly Column[], label: string, values: readonly string[]): void => {
    const c = columns.findIndex((x) => x.label === label) + 1;
    const letter = a1(1, c).replace(/\d+$/, '');
    validations.push({ sheet, sqref: `${letter}2:${letter}${VALIDATED_ROWS + 1}`, list: values });
  };
  const table = (name: string, columns: readonly Column[], rows: readonly (readonly CellValue[])[]): MemorySheet => {
    const s = wb.addSheet(name);
    columns.forEach((c, i) => s.set(1, i + 1, { value: text(c.label) }));
    rows.forEach((r, i) => r.forEach((v, j) => v.kind !== 'blank' && s.set(i + 2, j + 1, { value: v })));
    return s;
  };
  const str = (s: string | undefined): CellValue => (s === undefined ? { kind: 'blank' } : text(s));
  const yesNo = (b: boolean): CellValue => text(b ? YES : NO);
  const numOrText = (v: number | string | undefined): CellValue => (v === undefined ? { kind: 'blank' } : typeof v === 'number' ? num(v) : text(v));

  table(BOOK_SHEETS.sheets, COLUMNS.sheets, t.sheets.data.map((d) => [text(d.name), text(d.title)]));

  table(
    BOOK_SHEETS.cover,
    COLUMNS.cover,
    t.cover.fields.map((f) => [text(f.key), text(f.label), text(FIELD_TYPES[f.type]), text(REQUIRED[f.required === false ? 'none' : f.required])]),
  );
  list(BOOK_SHEETS.cover, COLUMNS.cover, '类型', Object.values(FIELD_TYPES));
  list(BOOK_SHEETS.cover, COLUMNS.cover, '必填', [YES, REQUIRED.warning, NO]);

  table(
    BOOK_SHEETS.indicators,
    COLUMNS.indicators,
    t.indicators.map((i) => [
      text(i.code),
      text(i.sheet),
      text(i.name),
      text(i.unit),
      text(KINDS[i.kind]),
      yesNo(i.plan),
      yesNo(i.integer),
      str(relationText(i) || undefined),
    ]),
  );
  list(BOOK_SHEETS.indicators, COLUMNS.indicators, '类型', Object.values(KINDS));
  list(BOOK_SHEETS.indicators, COLUMNS.indicators, '年计划', [YES, NO]);
  list(BOOK_SHEETS.indicators, COLUMNS.indicators, '整数', [YES, NO]);
  list(BOOK_SHEETS.indicators, COLUMNS.indicators, '所在工作表', t.sheets.data.map((d) => d.name));

  table(
    BOOK_SHEETS.twoPlan,
    COLUMNS.twoPlan,
    t.twoPlan.defaultRows.map((r) => [
      text(r.code),
      text(r.plan),
      text(r.domain),
      text(r.name),
      text(r.unit),
      text(r.direction),
      numOrText(r.baseline),
      numOrText(r.midTarget),
      numOrText(r.finalTarget),
      str(r.department),
    ]),
  );
  list(BOOK_SHEETS.twoPlan, COLUMNS.twoPlan, '规划', t.twoPlan.plans);
  list(BOOK_SHEETS.twoPlan, COLUMNS.twoPlan, '方向', [...t.twoPlan.directions.higher, ...t.twoPlan.directions.lower]);

  table(
    BOOK_SHEETS.rules,
    COLUMNS.rules,
    Object.entries(t.rules).map(([id, r]) => [text(id), text(SEVERITIES[r.severity]), text(r.message['zh-CN']), text(r.message.en)]),
  );
  list(BOOK_SHEETS.rules, COLUMNS.rules, '级别', Object.values(SEVERITIES));

  const settings: CellValue[][] = [];
  flatten(t, [], (path, v) => {
    const key = pathText(path);
    settings.push([text(key), settingCell(v), text(settingHelp(key))]);
  });
  table(BOOK_SHEETS.settings, COLUMNS.settings, settings);

  // 说明: what each sheet and column holds.
  readme.set(1, 1, { value: text(`${t.title['zh-CN']} 模板（${t.id} ${t.version}）`) });
  readme.set(2, 1, { value: text('在 Excel 或 WPS 中修改各表，保存后运行 fulian-returns template build 本文件 -o 模板.json；有误时逐条指出工作表和单元格。') });
  ['工作表', '列', '说明'].forEach((h, i) => readme.set(4, i + 1, { value: text(h) }));
  let r = 5;
  const parts: [string, readonly Column[]][] = [
    [BOOK_SHEETS.sheets, COLUMNS.sheets],
    [BOOK_SHEETS.cover, COLUMNS.cover],
    [BOOK_SHEETS.indicators, COLUMNS.indicators],
    [BOOK_SHEETS.twoPlan, COLUMNS.twoPlan],
    [BOOK_SHEETS.rules, COLUMNS.rules],
    [BOOK_SHEETS.settings, COLUMNS.settings],
  ];
  for (const [sheet, columns] of parts) {
    for (const c of columns) {
      readme.set(r, 1, { value: text(sheet) });
      readme.set(r, 2, { value: text(c.label) });
      readme.set(r, 3, { value: text(`${c.required ? '（必填）' : ''}${c.help}`) });
      r++;
    }
  }
  return { workbook: wb, validations };
}

/** A relation as the `template` command prints it: `= A05 + A06`, `属于 A01（≤）`, `A07 ÷ A04`; several joined by `；`. */
export function relationText(i: Indicator): string {
  const parts: string[] = [];
  if (i.sumOf) parts.push(`= ${i.sumOf.join(' + ')}`);
  if (i.ratio) parts.push(`${i.ratio.numerator} ÷ ${i.ratio.denominator}`);
  if (i.partOf) parts.push(`属于 ${i.partOf.total}${i.partOf.mayNotExceed ? '（≤）' : ''}`);
  return parts.join('；');
}

type Path = readonly (string | number)[];

function flatten(value: unknown, path: Path, out: (path: Path, v: unknown) => void): void {
  if (OWN_SHEET_PATHS.includes(pathText(path))) return;
  if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => flatten(v, [...path, i], out));
  else if (isObject(value) && Object.keys(value).length > 0) for (const [k, v] of Object.entries(value)) flatten(v, [...path, k], out);
  else if (value !== undefined) out(path, value);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `dataColumns.quarters[0]`, `phrases.zh-CN.title`. */
function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function settingCell(v: unknown): CellValue {
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return bool(v);
  if (typeof v === 'string') return text(v === '' ? EMPTY_TEXT : v);
  return text(Array.isArray(v) ? '[]' : '{}');
}

function settingHelp(key: string): string {
  let best = '';
  let help = '';
  for (const [prefix, h] of SETTING_HELP) {
    if ((key === prefix || key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`)) && prefix.length > best.length) {
      best = prefix;
      help = h;
    }
  }
  return help;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** Reads a template workbook back; every mistake is one problem at its sheet and cell. */
export function templateFromBook(view: WorkbookView): BookResult {
  const problems: BookProblem[] = [];
  const cells = new Map<string, { sheet: string; cell: string }>();
  const at = (path: Path, sheet: string, row: number, c: number): void => void cells.set(JSON.stringify(path), { sheet, cell: a1(row, c) });
  const problem = (sheet: string, row: number, c: number, message: string): void => void problems.push({ sheet, cell: row > 0 ? a1(row, c) : null, message });

  const tables: Partial<Record<keyof typeof COLUMNS, Table>> = {};
  for (const key of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    const name = BOOK_SHEETS[key];
    const sheet = view.sheet(name);
    if (!sheet) {
      problems.push({ sheet: name, cell: null, message: `缺少工作表「${name}」` });
      continue;
    }
    const t = readTable(sheet, COLUMNS[key], problem);
    if (t) tables[key] = t;
  }
  if (problems.length > 0) return { ok: false, problems };

  // 其他设置 first: the settings give the skeleton the other parts go into.
  const data: Record<string, unknown> = {};
  const settings = tables.settings!;
  const seenKeys = new Map<string, number>();
  for (const row of settings.rows) {
    const key = row.text('设置项');
    const r = row.row;
    if (seenKeys.has(key)) {
      problem(settings.name, r, row.col('设置项'), `设置项 ${key} 重复（首次在第 ${seenKeys.get(key)} 行）`);
      continue;
    }
    seenKeys.set(key, r);
    const path = parsePath(key);
    if (!path) {
      problem(settings.name, r, row.col('设置项'), `设置项「${key}」写法有误`);
      continue;
    }
    const cell = row.cell('值');
    if (cell.value.kind === 'blank') continue;
    let value = settingValue(cell.value);
    // Excel turns a typed 2026.3 into a number; a version or id is text.
    if (typeof value === 'number' && path.length === 1 && (path[0] === 'version' || path[0] === 'id')) value = String(value);
    if (!assign(data, path, value)) {
      problem(settings.name, r, row.col('设置项'), `设置项「${key}」与其他设置项冲突`);
      continue;
    }
    at(path, settings.name, r, row.col('值'));
  }

  const sheetsT = tables.sheets!;
  const dataSheets = sheetsT.rows.map((row, i) => {
    at(['sheets', 'data', i, 'name'], sheetsT.name, row.row, row.col('工作表名称'));
    at(['sheets', 'data', i, 'title'], sheetsT.name, row.row, row.col('表标题'));
    return { name: row.text('工作表名称'), title: row.text('表标题') };
  });
  uniqueIn(sheetsT, '工作表名称', '工作表名称', problem);
  setIn(data, ['sheets', 'data'], dataSheets);

  const coverT = tables.cover!;
  const fields = coverT.rows.map((row, i) => {
    const type = lookup(FIELD_TYPES, row.text('类型'));
    if (type === undefined) problem(coverT.name, row.row, row.col('类型'), `类型「${row.text('类型')}」无法识别（应为 ${Object.values(FIELD_TYPES).join('、')}）`);
    const req = lookup(REQUIRED, row.text('必填'));
    if (req === undefined) problem(coverT.name, row.row, row.col('必填'), `必填「${row.text('必填')}」无法识别（应为 ${YES}、${REQUIRED.warning} 或 ${NO}）`);
    for (const [label, key] of [['字段键', 'key'], ['标签', 'label'], ['类型', 'type'], ['必填', 'required']] as const) at(['cover', 'fields', i, key], coverT.name, row.row, row.col(label));
    return { key: row.text('字段键'), label: row.text('标签'), type, required: req === 'none' ? false : req };
  });
  uniqueIn(coverT, '字段键', '字段键', problem);
  uniqueIn(coverT, '标签', '标签', problem);
  setIn(data, ['cover', 'fields'], fields);

  const indT = tables.indicators!;
  const codes = new Set(indT.rows.map((r) => r.text('指标代码')));
  const sheetNames = new Set(dataSheets.map((d) => d.name));
  uniqueIn(indT, '指标代码', '指标代码', problem);
  const indicators = indT.rows.map((row, i) => {
    const path = ['indicators', i];
    const columnsOf = { 指标代码: 'code', 所在工作表: 'sheet', 指标名称: 'name', 计量单位: 'unit', 类型: 'kind', 年计划: 'plan', 整数: 'integer' } as const;
    for (const [label, key] of Object.entries(columnsOf)) at([...path, key], indT.name, row.row, row.col(label));
    for (const key of ['sumOf', 'partOf', 'ratio']) at([...path, key], indT.name, row.row, row.col('关系'));
    const sheet = row.text('所在工作表');
    if (sheet !== '' && !sheetNames.has(sheet)) problem(indT.name, row.row, row.col('所在工作表'), `工作表「${sheet}」不在「${BOOK_SHEETS.sheets}」中`);
    const kind = lookup(KINDS, row.text('类型'));
    if (kind === undefined && row.text('类型') !== '') problem(indT.name, row.row, row.col('类型'), `类型「${row.text('类型')}」无法识别（应为 ${Object.values(KINDS).join('、')}）`);
    const plan = yesNo(row, '年计划', indT.name, problem);
    const integer = yesNo(row, '整数', indT.name, problem);
    const ind: Record<string, unknown> = { code: row.text('指标代码'), sheet, name: row.text('指标名称'), unit: row.text('计量单位'), kind, plan, integer };
    // `= A05 + A06` typed into Excel or WPS becomes a formula (the cell shows a sum of cells A5 and A6): its text is
    // the relation all the same.
    const relCell = row.cell('关系');
    const rel = parseRelations(row.text('关系') || (relCell.formula ? `=${relCell.formula.replace(/^=/, '')}` : ''));
    if (typeof rel === 'string') problem(indT.name, row.row, row.col('关系'), rel);
    else if (kind !== undefined && (kind === 'rate') !== (rel.parts.ratio !== undefined)) {
      problem(indT.name, row.row, row.col('关系'), kind === 'rate' ? `${KINDS.rate}指标须在「关系」中写明分子 ÷ 分母，如「A07 ÷ A04」` : `只有${KINDS.rate}指标可写「分子 ÷ 分母」`);
    } else {
      const missing = rel.codes.find((c) => !codes.has(c));
      if (missing !== undefined) problem(indT.name, row.row, row.col('关系'), `关系中的指标 ${missing} 不在「${BOOK_SHEETS.indicators}」中`);
      Object.assign(ind, rel.parts);
    }
    return ind;
  });
  setIn(data, ['indicators'], indicators);

  const tpT = tables.twoPlan!;
  uniqueIn(tpT, '指标代码', '指标代码', problem);
  const defaultRows = tpT.rows.map((row, i) => {
    const path = ['twoPlan', 'defaultRows', i];
    const out: Record<string, unknown> = {};
    const keys = { 指标代码: 'code', 规划: 'plan', 领域: 'domain', 指标名称: 'name', 计量单位: 'unit', 方向: 'direction', 基期值: 'baseline', 中期目标: 'midTarget', 终期目标: 'finalTarget', 责任单位: 'department' } as const;
    for (const [label, key] of Object.entries(keys)) {
      at([...path, key], tpT.name, row.row, row.col(label));
      const v = row.cell(label).value;
      if (v.kind === 'blank' || (v.kind === 'text' && v.value.trim() === '')) continue;
      if (key === 'baseline') {
        if (v.kind === 'number') out[key] = v.value;
        else problem(tpT.name, row.row, row.col(label), `基期值「${row.text(label)}」不是数字`);
      } else if (key === 'midTarget' || key === 'finalTarget') {
        if (v.kind === 'number') out[key] = v.value;
        else if (v.kind === 'text') out[key] = v.value.trim();
        else problem(tpT.name, row.row, row.col(label), `${label}不是数字或文字`);
      } else out[key] = row.text(label);
    }
    return out;
  });
  setIn(data, ['twoPlan', 'defaultRows'], defaultRows);

  const rulesT = tables.rules!;
  uniqueIn(rulesT, '规则', '规则', problem);
  const rules: Record<string, unknown> = {};
  const known = new Set<string>(RULE_IDS);
  for (const row of rulesT.rows) {
    const id = row.text('规则');
    if (id !== '' && !known.has(id)) problem(rulesT.name, row.row, row.col('规则'), `未知的规则 ${id}`);
    const severity = lookup(SEVERITIES, row.text('级别'));
    if (severity === undefined && row.text('级别') !== '') {
      problem(rulesT.name, row.row, row.col('级别'), `级别「${row.text('级别')}」无法识别（应为 ${Object.values(SEVERITIES).join('、')}）`);
    }
    at(['rules', id, 'severity'], rulesT.name, row.row, row.col('级别'));
    at(['rules', id, 'message', 'zh-CN'], rulesT.name, row.row, row.col('中文提示'));
    at(['rules', id, 'message', 'en'], rulesT.name, row.row, row.col('英文提示'));
    at(['rules', id], rulesT.name, row.row, row.col('规则'));
    if (!(id in rules)) rules[id] = { severity, message: { 'zh-CN': row.text('中文提示'), en: row.text('英文提示') } };
  }
  setIn(data, ['rules'], rules);

  // Blank required cells, one problem each (zod would say the same less plainly).
  for (const key of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    const t = tables[key];
    if (!t) continue;
    for (const row of t.rows) {
      for (const c of COLUMNS[key]) if (c.required && row.text(c.label) === '') problem(t.name, row.row, row.col(c.label), `「${c.label}」为空`);
    }
  }

  // The schema's own checks, each placed at the cell its path came from; one line per cell.
  const parsed = parseTemplate(data);
  if (parsed.ok && problems.length === 0) return { ok: true, template: parsed.template };
  if (!parsed.ok) {
    const taken = new Set(problems.map((p) => `${p.sheet}!${p.cell}`));
    for (const issue of parsed.issues) {
      const where = locate(cells, issue.path as Path);
      const place = where ?? { sheet: BOOK_SHEETS.settings, cell: null };
      const key = `${place.sheet}!${place.cell}`;
      if (taken.has(key)) continue;
      taken.add(key);
      problems.push({ ...place, message: where ? issue.message : `${pathText(issue.path as Path)}：${issue.message}` });
    }
  }
  return { ok: false, problems: dedupe(problems) };
}

function dedupe(problems: readonly BookProblem[]): BookProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.sheet}!${p.cell}`;
    if (p.cell !== null && seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The cell of the longest recorded prefix of a schema path. */
function locate(cells: Map<string, { sheet: string; cell: string }>, path: Path): { sheet: string; cell: string } | undefined {
  for (let n = path.length; n > 0; n--) {
    const hit = cells.get(JSON.stringify(path.slice(0, n)));
    if (hit) return hit;
  }
  return undefined;
}

interface Row {
  readonly row: number;
  cell(label: string): Cell;
  text(label: string): string;
  col(label: string): number;
}

interface Table {
  readonly name: string;
  readonly rows: readonly Row[];
}

function readTable(sheet: SheetView, columns: readonly Column[], problem: (sheet: string, row: number, col: number, message: string) => void): Table | null {
  const byLabel = new Map<string, number>();
  for (let c = 1; c <= sheet.colCount; c++) {
    const v = sheet.cell(1, c).value;
    if (v.kind === 'text' && !byLabel.has(v.value.trim())) byLabel.set(v.value.trim(), c);
  }
  const missing = columns.filter((c) => !byLabel.has(c.label));
  if (missing.length > 0) {
    for (const m of missing) problem(sheet.name, 1, sheet.colCount + 1, `缺少列「${m.label}」（第 1 行为表头）`);
    return null;
  }
  const rows: Row[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row: Row = {
      row: r,
      col: (label) => byLabel.get(label)!,
      cell: (label) => sheet.cell(r, byLabel.get(label)!),
      text: (label) => cellString(sheet.cell(r, byLabel.get(label)!).value),
    };
    if (columns.every((c) => row.cell(c.label).value.kind === 'blank' || row.text(c.label) === '')) continue;
    rows.push(row);
  }
  return { name: sheet.name, rows };
}

function cellString(v: CellValue): string {
  switch (v.kind) {
    case 'text':
      return v.value.trim();
    case 'number':
      return String(v.value);
    case 'boolean':
      return v.value ? 'TRUE' : 'FALSE';
    default:
      return '';
  }
}

function lookup<K extends string>(table: Readonly<Record<K, string>>, label: string): K | undefined {
  return (Object.keys(table) as K[]).find((k) => table[k] === label);
}

function yesNo(row: Row, label: string, sheet: string, problem: (sheet: string, row: number, col: number, message: string) => void): boolean | undefined {
  const s = row.text(label);
  if (s === YES) return true;
  if (s === NO) return false;
  if (s !== '') problem(sheet, row.row, row.col(label), `${label}「${s}」应为「${YES}」或「${NO}」`);
  return undefined;
}

function uniqueIn(t: Table, label: string, what: string, problem: (sheet: string, row: number, col: number, message: string) => void): void {
  const first = new Map<string, number>();
  for (const row of t.rows) {
    const v = row.text(label);
    if (v === '') continue;
    const f = first.get(v);
    if (f !== undefined) problem(t.name, row.row, row.col(label), `${what} ${v} 重复（首次在第 ${f} 行）`);
    else first.set(v, row.row);
  }
}

type Relations = { readonly parts: Partial<Pick<Indicator, 'sumOf' | 'partOf' | 'ratio'>>; readonly codes: readonly string[] };

const CODE = '([^\\s+÷/（）()；;≤]+)';
const SUM = new RegExp(`^=\\s*(${CODE.slice(1, -1)}(?:\\s*[+＋]\\s*${CODE.slice(1, -1)})*)$`);
const PART = new RegExp(`^属于\\s*${CODE}\\s*(?:[（(]\\s*(?:≤|<=)\\s*[）)])?$`);
const RATIO = new RegExp(`^${CODE}\\s*[÷/]\\s*${CODE}$`);

/** Parses the 关系 column, or says what is wrong with it. */
export function parseRelations(s: string): Relations | string {
  const parts: { -readonly [K in keyof Relations['parts']]: Relations['parts'][K] } = {};
  const codes: string[] = [];
  for (const raw of s.split(/[；;]/)) {
    const p = raw.trim().replace(/＝/g, '=');
    if (p === '') continue;
    const sum = SUM.exec(p);
    const part = PART.exec(p);
    const ratio = RATIO.exec(p);
    if (sum && !parts.sumOf) {
      parts.sumOf = (sum[1] ?? '').split(/[+＋]/).map((c) => c.trim());
      codes.push(...parts.sumOf);
    } else if (part && !parts.partOf) {
      const total = part[1] ?? '';
      parts.partOf = { total, mayNotExceed: /≤|<=/.test(p) };
      codes.push(total);
    } else if (ratio && !parts.ratio) {
      const [, numerator = '', denominator = ''] = ratio;
      parts.ratio = { numerator, denominator };
      codes.push(numerator, denominator);
    } else {
      return `关系「${p}」无法识别（应写作「= A05 + A06」「属于 A01（≤）」或「A07 ÷ A04」）`;
    }
  }
  return { parts, codes };
}

function parsePath(key: string): (string | number)[] | null {
  if (key === '') return null;
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\./g;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(key)) !== null) {
    if (m.index !== last) return null;
    last = re.lastIndex;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
  }
  return last === key.length && out.length > 0 ? out : null;
}

function settingValue(v: CellValue): unknown {
  switch (v.kind) {
    case 'number':
      return v.value;
    case 'boolean':
      return v.value;
    case 'text': {
      const s = v.value;
      if (s === EMPTY_TEXT) return '';
      if (s === '[]') return [];
      if (s === '{}') return {};
      return s;
    }
    default:
      return undefined;
  }
}

/** Sets a value at a path, making arrays for number segments; false where the path runs through a leaf. */
function assign(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): boolean {
  let node: Record<string | number, unknown> = root;
  const last = path[path.length - 1];
  if (last === undefined) return false;
  for (const [i, k] of path.slice(0, -1).entries()) {
    let next = node[k];
    if (next === undefined) {
      next = typeof path[i + 1] === 'number' ? [] : {};
      node[k] = next;
    }
    if (typeof next !== 'object' || next === null) return false;
    node = next as Record<string | number, unknown>;
  }
  if (node[last] !== undefined) return false;
  node[last] = value;
  return true;
}

function setIn(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const last = path[path.length - 1];
  if (last === undefined) return;
  let node = root;
  for (const k of path.slice(0, -1)) {
    if (!isObject(node[k])) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[last] = value;
}
