/**
 * The self-test (诊断) in WPS 表格: each WPS API operation the pane uses, on a temporary sheet it adds and removes,
 * each step on its own so one refusal does not hide the others; and, as `apiSupport`, how this WPS answers the
 * questions public material leaves open (src/wps/host.ts): a range's Value2 / Formula / NumberFormat shapes, an error
 * cell's Value2, an empty cell's. What it reports is the first evidence from a real WPS the day a federation installs
 * the add-in.
 */
import { DIAGNOSTIC_STEPS, type DiagnosticStep, type DiagnosticStepId, type Diagnosis } from '../taskpane/host';
import { XL_EXPRESSION, type WpsApplication, type WpsWorksheet } from './api';
import { bgrOf, sameRuleFormula } from './values';

/** Text written into `@` cells: a General cell would turn each into a number or a date. */
const TEXTS = ['(5)', '1月2日'] as const;

const describe = (e: unknown): string => {
  const n = (e as { number?: unknown } | null)?.number;
  const message = e instanceof Error ? e.message : String(e);
  return typeof n === 'number' ? `${n}: ${message}` : message;
};

/** A value as the report shows it: its JS type and JSON (undefined has none). */
const shape = (v: unknown): string => (v === undefined ? 'undefined' : `${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v} ${JSON.stringify(v)}`);

export interface DiagnosisMark {
  readonly formula: string;
  readonly fill: string;
}

export function runWpsDiagnosis(app: WpsApplication, mark: DiagnosisMark): Diagnosis {
  const steps: DiagnosticStep[] = [];
  const facts: string[] = [];
  const step = (id: DiagnosticStepId, work: () => string): boolean => {
    try {
      steps.push({ id, ok: true, detail: work() });
      return true;
    } catch (e) {
      steps.push({ id, ok: false, detail: describe(e) });
      return false;
    }
  };
  const fact = (label: string, read: () => unknown): void => {
    try {
      facts.push(`${label}: ${shape(read())}`);
    } catch (e) {
      facts.push(`${label}: throws ${describe(e)}`);
    }
  };
  const read = <T>(f: () => T, fallback: T): T => {
    try {
      return f();
    } catch {
      return fallback;
    }
  };

  let ws: WpsWorksheet | null = null;
  let name = '';
  let active: string | null = null;
  const added = step('add-sheet', () => {
    const wb = app.ActiveWorkbook;
    if (!wb) throw new Error('no workbook is open');
    const sheets = wb.Worksheets;
    const names: string[] = [];
    for (let i = 1, n = sheets.Count; i <= n; i++) names.push(sheets.Item(i).Name);
    active = read(() => wb.ActiveSheet?.Name ?? null, null);
    for (let i = 1; ; i++) {
      name = `诊断-${i}`;
      if (!names.some((s) => s.toLowerCase() === name.toLowerCase())) break;
    }
    ws = sheets.Add(null, sheets.Item(sheets.Count));
    ws.Name = name;
    return name;
  });

  if (added && ws) {
    const sheet: WpsWorksheet = ws;
    step('write', () => {
      sheet.Range('A1:B1').NumberFormat = '@';
      sheet.Range('A1:B1').Formula = [[...TEXTS]];
      sheet.Range('A2:C2').Formula = [[3, '=A2*2', '=1/0']];
      return 'A1:C2';
    });
    step('read', () => {
      const r = sheet.Range('A1:B2');
      const values = r.Value2;
      const detail = `Value2 ${shape(values)} Formula ${shape(r.Formula)} NumberFormat ${shape(r.NumberFormat)}`;
      const grid = values as unknown as unknown[][];
      if (!Array.isArray(grid) || grid[0]?.[0] !== TEXTS[0] || grid[0]?.[1] !== TEXTS[1]) throw new Error(`text not kept as typed: ${detail}`);
      if (grid[1]?.[1] !== 6) throw new Error(`formula not calculated: ${detail}`);
      return detail;
    });
    fact('Value2 of one cell', () => sheet.Range('A2').Value2);
    fact('Value2 of an empty cell', () => sheet.Range('D5').Value2);
    fact('Value2 of an error cell (=1/0)', () => sheet.Range('C2').Value2);
    fact('Formula of A1:B2', () => sheet.Range('A1:B2').Formula);
    fact('NumberFormat of A1:B2 (@ above General)', () => sheet.Range('A1:B2').NumberFormat);
    fact('UsedRange.Address()', () => sheet.UsedRange.Address());
    step('activate', () => {
      sheet.Activate();
      return name;
    });
    step('select', () => {
      sheet.Range('B2').Select();
      return 'B2';
    });
    step('add-mark', () => {
      const fc = sheet.Range('A1:B2').FormatConditions.Add(XL_EXPRESSION, null, mark.formula);
      fc.Interior.Color = bgrOf(mark.fill);
      return mark.formula;
    });
    let found = -1;
    step('find-mark', () => {
      const fcs = sheet.Cells.FormatConditions;
      const seen: string[] = [];
      for (let i = 1, n = fcs.Count; i <= n; i++) {
        const fc = fcs.Item(i);
        const f = fc.Type === XL_EXPRESSION ? String(fc.Formula1) : `type ${fc.Type}`;
        seen.push(f);
        if (found < 0 && sameRuleFormula(f, mark.formula)) found = i;
      }
      if (found < 0) throw new Error(`marker not found among ${JSON.stringify(seen)}`);
      return `${seen.length} rule(s), ours at ${found}: ${seen[found - 1]}`;
    });
    step('remove-mark', () => {
      if (found < 0) throw new Error('no mark to remove');
      sheet.Cells.FormatConditions.Item(found).Delete();
      const left = sheet.Cells.FormatConditions.Count;
      if (left !== 0) throw new Error(`${left} rule(s) left`);
      return 'removed';
    });
    step('rename-sheet', () => {
      const renamed = `${name}改`;
      sheet.Name = renamed;
      if (sheet.Name !== renamed) throw new Error(`name is ${sheet.Name}`);
      name = renamed;
      return renamed;
    });
    step('calculation', () => {
      const mode = read(() => app.Calculation, undefined);
      if (typeof app.Calculate !== 'function') throw new Error(`no Application.Calculate (Calculation ${shape(mode)})`);
      app.Calculate();
      // XlCalculation: -4105 automatic, -4135 manual, 2 semi-automatic.
      return `Calculation ${shape(mode)}`;
    });
    step('remove-sheet', () => {
      const wb = app.ActiveWorkbook!;
      if (active !== null) wb.Worksheets.Item(active).Activate();
      // Worksheet.Delete asks the user to confirm unless alerts are off (WPS ET Worksheet.Delete; VBA DisplayAlerts).
      const alerts = read(() => app.DisplayAlerts, undefined);
      app.DisplayAlerts = false;
      try {
        sheet.Delete();
      } finally {
        if (alerts !== undefined) app.DisplayAlerts = alerts;
      }
      const sheets = wb.Worksheets;
      for (let i = 1, n = sheets.Count; i <= n; i++) if (sheets.Item(i).Name === name) throw new Error(`${name} is still there`);
      return name;
    });
  } else {
    for (const id of DIAGNOSTIC_STEPS.slice(1)) steps.push({ id, ok: false, detail: 'not run: no temporary sheet' });
  }

  const version = read(() => String(app.Version ?? ''), '');
  const build = read(() => app.Build, undefined);
  return {
    host: read(() => (typeof app.Name === 'string' && app.Name ? app.Name : 'WPS 表格'), 'WPS 表格'),
    version: build !== undefined && String(build) !== version ? `${version} (build ${String(build)})` : version,
    platform: read(() => String(app.OperatingSystem ?? ''), ''),
    apiSupport: facts,
    steps,
  };
}
