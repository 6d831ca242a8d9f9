/**
 * The self-test (诊断) in Excel: each Office.js operation the pane uses, run on a temporary sheet it adds and
 * removes, each step in its own Excel.run so one refusal does not hide the others. What it reports is the first
 * evidence from a real Excel the day a federation installs the add-in.
 */
import { DIAGNOSTIC_STEPS, type DiagnosticStep, type DiagnosticStepId, type Diagnosis } from './host';

/** Text written into `@` cells: Excel would turn each into a number or a date in a General cell. */
const TEXTS = ['(5)', '1月2日'] as const;

interface OfficeGlobal {
  readonly context?: {
    readonly diagnostics?: { readonly version?: string; readonly platform?: string; readonly host?: string };
    readonly requirements?: { isSetSupported(name: string, version?: string): boolean };
  };
}

const describe = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return typeof code === 'string' ? `${code}: ${message}` : message;
};

/** The mark to add and find: the pane's own marker and fill, so the test finds a mark exactly as clearing does. */
export interface DiagnosisMark {
  readonly formula: string;
  readonly fill: string;
}

export async function runDiagnosis(excel: typeof Excel, mark: DiagnosisMark): Promise<Diagnosis> {
  const MARKER = mark.formula;
  const office = (globalThis as unknown as { Office?: OfficeGlobal }).Office;
  const diagnostics = office?.context?.diagnostics;
  const requirements = office?.context?.requirements;
  const apiSupport = ['1.1', '1.2', '1.4', '1.6', '1.8'].map(
    (v) => `ExcelApi ${v}: ${requirements ? (requirements.isSetSupported('ExcelApi', v) ? 'yes' : 'no') : '?'}`,
  );
  const steps: DiagnosticStep[] = [];
  const step = async (id: DiagnosticStepId, work: () => Promise<string>): Promise<boolean> => {
    try {
      steps.push({ id, ok: true, detail: await work() });
      return true;
    } catch (e) {
      steps.push({ id, ok: false, detail: describe(e) });
      return false;
    }
  };

  let name = '';
  let active: string | null = null;
  const added = await step('add-sheet', () =>
    excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      const current = sheets.getActiveWorksheet();
      current.load('name');
      await context.sync();
      active = current.name;
      for (let i = 1; ; i++) {
        name = `诊断-${i}`;
        if (!sheets.items.some((s) => s.name.toLowerCase() === name.toLowerCase())) break;
      }
      sheets.add(name);
      await context.sync();
      return name;
    }),
  );

  if (added) {
    const onSheet = <R>(work: (sheet: Excel.Worksheet, context: Excel.RequestContext) => Promise<R>): Promise<R> =>
      excel.run((context) => work(context.workbook.worksheets.getItem(name), context));

    await step('write', () =>
      onSheet(async (sheet, context) => {
        const texts = sheet.getRange('A1:B1');
        texts.numberFormat = [['@', '@']];
        texts.values = [[...TEXTS]];
        sheet.getRange('A2:B2').formulas = [[3, '=A2*2']];
        await context.sync();
        return 'A1:B2';
      }),
    );
    await step('read', () =>
      onSheet(async (sheet, context) => {
        const r = sheet.getRange('A1:B2');
        r.load('values, formulas, numberFormat');
        await context.sync();
        const detail = `values ${JSON.stringify(r.values)} formulas ${JSON.stringify(r.formulas)} numberFormat ${JSON.stringify(r.numberFormat)}`;
        const textsKept = r.values[0]![0] === TEXTS[0] && r.values[0]![1] === TEXTS[1];
        if (!textsKept) throw new Error(`text not kept as typed: ${detail}`);
        if (r.values[1]![1] !== 6) throw new Error(`formula not calculated: ${detail}`);
        return detail;
      }),
    );
    await step('activate', () =>
      onSheet(async (sheet, context) => {
        sheet.activate();
        await context.sync();
        return name;
      }),
    );
    await step('select', () =>
      onSheet(async (sheet, context) => {
        sheet.getRange('B2').select();
        await context.sync();
        return 'B2';
      }),
    );
    await step('add-mark', () =>
      onSheet(async (sheet, context) => {
        const cf = sheet.getRange('A1:B2').conditionalFormats.add(excel.ConditionalFormatType.custom);
        cf.custom.rule.formula = MARKER;
        cf.custom.format.fill.color = mark.fill;
        await context.sync();
        return MARKER;
      }),
    );
    let found = -1;
    await step('find-mark', () =>
      onSheet(async (sheet, context) => {
        const cfs = sheet.getRange().conditionalFormats;
        cfs.load('items/type, items/customOrNullObject/rule/formula');
        await context.sync();
        const formulas = cfs.items.map((cf) => (cf.type === 'Custom' ? cf.customOrNullObject.rule.formula : cf.type));
        found = formulas.findIndex((f) => f.replace(/\s+/g, '').toUpperCase() === MARKER.toUpperCase());
        if (found < 0) throw new Error(`marker not found among ${JSON.stringify(formulas)}`);
        return `${cfs.items.length} rule(s), ours at ${found}`;
      }),
    );
    await step('remove-mark', () =>
      onSheet(async (sheet, context) => {
        if (found < 0) throw new Error('no mark to remove');
        const cfs = sheet.getRange().conditionalFormats;
        cfs.load('items/type');
        await context.sync();
        cfs.items[found]!.delete();
        const after = sheet.getRange().conditionalFormats.getCount();
        await context.sync();
        if (after.value !== 0) throw new Error(`${after.value} rule(s) left`);
        return 'removed';
      }),
    );
    await step('rename-sheet', () =>
      onSheet(async (sheet, context) => {
        const renamed = `${name}改`;
        sheet.name = renamed;
        sheet.load('name');
        await context.sync();
        if (sheet.name !== renamed) throw new Error(`name is ${sheet.name}`);
        name = renamed;
        return renamed;
      }),
    );
    await step('calculation', () =>
      excel.run(async (context) => {
        const app = context.workbook.application;
        app.load('calculationMode');
        app.calculate('Full');
        await context.sync();
        return `calculationMode ${app.calculationMode}`;
      }),
    );
    await step('remove-sheet', () =>
      excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        if (active !== null) sheets.getItem(active).activate();
        sheets.getItem(name).delete();
        const left = sheets.getItemOrNullObject(name);
        await context.sync();
        if (!left.isNullObject) throw new Error(`${name} is still there`);
        return name;
      }),
    );
  }

  if (!added) {
    for (const id of DIAGNOSTIC_STEPS.slice(1)) steps.push({ id, ok: false, detail: 'not run: no temporary sheet' });
  }
  return {
    host: diagnostics?.host ?? 'Excel',
    version: diagnostics?.version ?? '',
    platform: diagnostics?.platform ?? '',
    apiSupport,
    steps,
  };
}
