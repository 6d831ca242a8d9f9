/**
 * Writes act on the workbook as it is at that moment (contract section 7; issues #11 and #14): each test starts from
 * a completed check, changes the workbook as a user would, then fills, marks and clears. Expected places come from
 * the workbook itself (the row whose 指标代码 cell holds the code, the column whose header is 累计), not from the plan.
 */
import { standardTemplate } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { FakeWorkbookModel, type FakeConditionalFormat, type FakeSheet } from '../../src/office-fake';
import { useFakeOffice } from './fake-office';
import { createExcelHost } from '../../src/taskpane/excel';
import { MARK_FORMULA } from '../../src/taskpane/excel-marks';
import { DIAGNOSTIC_STEPS, HostError } from '../../src/taskpane/host';

const template = standardTemplate();
const DATA = template.sheets.data.map((d) => d.name);
const TOOL_HEADERS = new Set(['累计', '完成年计划(%)', '序时进度(%)', '达标状态']);

const open = useFakeOffice();

/** A clean Q3 return with a few faults (so there is something to mark) and the user's own decorations. */
function workbook(): FakeWorkbookModel {
  const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(template, { quarter: 3, seed: 5 }));
  const s = model.sheet('创业就业')!;
  s.setCell(5, 6, { value: { kind: 'text', value: '无' } }); // A03 Q2: not a number
  s.setCell(9, 5, { value: { kind: 'text', value: '—' } }); // A07 Q1
  s.setCell(4, 12, { value: { kind: 'text', value: '含线上培训' }, format: { italic: true } }); // 备注
  s.setCell(3, 4, { ...s.cell(3, 4), numberFormat: '#,##0', format: { fill: '#00B050', bold: true } });
  s.conditionalFormats.push(userRule(3, 10));
  return model;
}

function userRule(r1: number, r2: number): FakeConditionalFormat {
  return { type: 'Custom', range: { start: { row: r1, col: 5 }, end: { row: r2, col: 8 } }, formula: '=E3>100', fill: '#FF0000', fontColor: null, bold: null };
}

const headerRow = (s: FakeSheet): number => {
  for (let r = 1; r <= 10; r++) if (s.cell(r, 1).value.kind === 'text' && (s.cell(r, 1).value as { value: string }).value === '指标代码') return r;
  throw new Error(`no header row on ${s.name}`);
};
const textOf = (s: FakeSheet, r: number, c: number): string => {
  const v = s.cell(r, c).value;
  return v.kind === 'text' ? v.value : '';
};
/** Columns whose header names a tool-owned figure. */
const toolColumns = (s: FakeSheet): number[] => {
  const h = headerRow(s);
  return Array.from({ length: 20 }, (_, i) => i + 1).filter((c) => TOOL_HEADERS.has(textOf(s, h, c)));
};
/** Rows holding an indicator code, by code. */
const codeRows = (s: FakeSheet): Map<string, number> => {
  const out = new Map<string, number>();
  for (const [r, c] of s.entries()) if (c === 1 && r > headerRow(s) && /^[A-Z]\d{2}$/.test(textOf(s, r, 1))) out.set(textOf(s, r, 1), r);
  return out;
};

/** Every cell of the template sheets a user owns: all but the tool-owned figure cells of indicator rows. */
function userCells(model: FakeWorkbookModel): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const name of [template.sheets.cover, ...DATA, template.sheets.twoPlan]) {
    const s = model.sheets.find((x) => x.name.startsWith(name.slice(0, 4)))!;
    const tool = DATA.includes(name) || name === template.sheets.twoPlan ? toolColumns(s) : [];
    const rows = new Set(tool.length ? codeRows(s).values() : []);
    for (const [r, c, cell] of s.entries()) {
      if (rows.has(r) && tool.includes(c)) continue;
      out.set(`${s.name}!${r},${c}`, cell);
    }
  }
  return out;
}

/** Each indicator row's tool-owned formulas refer to that row only (references without a sheet name). */
function expectFormulasOnTheirRows(model: FakeWorkbookModel): number {
  let n = 0;
  for (const s of model.sheets.filter((x) => DATA.some((d) => x.name.startsWith(d.slice(0, 4))) || x.name === template.sheets.twoPlan)) {
    const cols = toolColumns(s);
    for (const [code, row] of codeRows(s)) {
      for (const c of cols) {
        const f = s.cell(row, c).formula;
        if (!f) continue;
        const refs = [...new Set([...f.replace(/"[^"]*"/g, '').matchAll(/(?<![!\w])\$?[A-Z]{1,2}\$?(\d+)/g)].map((m) => Number(m[1])))];
        const where = `${s.name} ${code} col ${c}: ${f}`;
        // A sum of quarters refers to its own row only; a rate's to its own row and its indicators' current rows.
        if (/^=SUM\(/.test(f)) expect({ where, refs }).toEqual({ where, refs: [row] });
        else expect({ where, stray: refs.filter((r) => r !== row && ![...codeRows(s).values()].includes(r)) }).toEqual({ where, stray: [] });
        n++;
      }
    }
  }
  return n;
}

const ourMarks = (model: FakeWorkbookModel) => model.sheets.flatMap((s) => s.conditionalFormats.filter((cf) => cf.formula === MARK_FORMULA).map((cf) => ({ sheet: s.name, cf })));

const edits: [string, (m: FakeWorkbookModel) => void][] = [
  ['insert a row in 创业就业 and type a note in I3', (m) => {
    const s = m.sheet('创业就业')!;
    s.insertRows(3);
    s.setCell(3, 9, { value: { kind: 'text', value: '本行为说明' } });
  }],
  ['delete a row (A02) in 创业就业', (m) => m.sheet('创业就业')!.deleteRows(4)],
  ["move A14's row above A01", (m) => {
    const s = m.sheet('创业就业')!;
    s.moveRow(codeRows(s).get('A14')!, 3);
  }],
  ['type a number into a tool-owned cell (A01 累计)', (m) => m.sheet('创业就业')!.setCell(3, 9, { value: { kind: 'number', value: 99999 } })],
  ['rename 维权服务', (m) => {
    m.sheet('维权服务')!.name = '维权服务（改）';
  }],
];

describe.each(edits)('after a completed check, %s: fill, mark and clear', (_name, edit) => {
  test('user cells keep value, formula and format; formulas land on their rows; marks sit on the current faults', async () => {
    const model = workbook();
    const fake = open(model);
    const host = createExcelHost();
    await host.check(template, 'zh-CN');
    edit(model);
    const renamed = model.sheets.some((s) => s.name.includes('（改）'));
    const before = userCells(model);

    fake.stats.reset();
    await host.fill(template);
    // read + write; a renamed template sheet costs the refused read by name and the sheet list first.
    expect(fake.stats.syncCount).toBe(renamed ? 4 : 2);
    expect(userCells(model)).toEqual(before);
    expect(expectFormulasOnTheirRows(model)).toBeGreaterThan(renamed ? 20 : 60);
    // The note typed in I3 of an inserted row stays a note.
    if (textOf(model.sheet('创业就业')!, 3, 9) === '本行为说明') expect(model.sheet('创业就业')!.cell(3, 9).formula).toBeUndefined();

    fake.stats.reset();
    const marked = await host.highlight(template, 'zh-CN');
    // read + write (a template sheet missing: the sheet list first, every other sheet's marks with the read)
    expect(fake.stats.syncCount).toBe(renamed ? 3 : 2);
    expect(userCells(model)).toEqual(before);
    const s = model.sheet('创业就业')!;
    const rows = codeRows(s);
    // The faults typed above are on A03's and A07's rows wherever those rows are now, and those cells are marked.
    for (const [code, col] of [['A03', 6], ['A07', 5]] as const) {
      const row = rows.get(code);
      if (row === undefined) continue;
      expect(marked.findings).toContainEqual(expect.objectContaining({ sheet: '创业就业', rule: 'not-a-number', indicator: code }));
      const covering = s.conditionalFormats.filter(
        (cf) => cf.formula === MARK_FORMULA && row >= cf.range.start.row && row <= cf.range.end.row && col >= cf.range.start.col && col <= cf.range.end.col,
      );
      expect(covering).toHaveLength(1);
    }
    expect(s.conditionalFormats.filter((cf) => cf.formula === '=E3>100')).toHaveLength(1);

    fake.stats.reset();
    await host.clearHighlights();
    expect(fake.stats.syncCount).toBe(renamed ? 3 : 2); // read + write (a template sheet missing: the sheet list first)
    expect(ourMarks(model)).toEqual([]);
    expect(s.conditionalFormats.filter((cf) => cf.formula === '=E3>100')).toHaveLength(1);
    expect(userCells(model)).toEqual(before);
  });
});

describe('marks are found by their marker, never by id', () => {
  test('after a reopen with the ids renumbered (a user rule added on top), after an inserted row, on a copied sheet', async () => {
    const model = workbook();
    open(model);
    await createExcelHost().highlight(template, 'zh-CN');
    expect(ourMarks(model).length).toBeGreaterThan(0);
    const s = model.sheet('创业就业')!;
    // The user adds a rule of their own: Excel gives it the top priority, so every id moves.
    s.conditionalFormats.unshift({ ...userRule(20, 30), formula: '=E20<0' });
    s.insertRows(4, 2);
    // A copy of the sheet carries its rules.
    const copy = model.addSheet('创业就业 (2)');
    copy.conditionalFormats = s.conditionalFormats.map((cf) => ({ ...cf }));
    const users = () => model.sheets.flatMap((x) => x.conditionalFormats.filter((cf) => cf.formula !== MARK_FORMULA));
    const kept = users();
    expect(kept).toHaveLength(4);
    // A new pane: nothing remembered.
    open(model);
    await createExcelHost().clearHighlights();
    expect(ourMarks(model)).toEqual([]);
    expect(users()).toEqual(kept);
  });

  test('deleting several of ours between user rules in one batch removes exactly ours (last position first)', async () => {
    const model = workbook();
    open(model);
    const host = createExcelHost();
    await host.highlight(template, 'zh-CN');
    const s = model.sheet('创业就业')!;
    const marks = s.conditionalFormats.filter((cf) => cf.formula === MARK_FORMULA);
    expect(marks.length).toBeGreaterThanOrEqual(2);
    // Interleave: ours, user, ours, user.
    const u1 = { ...userRule(30, 31), formula: '=E30=1' };
    const u2 = { ...userRule(32, 33), formula: '=E32=2' };
    s.conditionalFormats = [marks[0]!, u1, ...marks.slice(1), u2, ...s.conditionalFormats.filter((cf) => cf.formula !== MARK_FORMULA)];
    await host.clearHighlights();
    expect(s.conditionalFormats.map((cf) => cf.formula)).toEqual(['=E30=1', '=E32=2', '=E3>100']);
  });
});

describe("Excel's own rules", () => {
  const snapshot = (model: FakeWorkbookModel) =>
    model.sheets.map((s) => ({ name: s.name, cells: [...s.entries()], cfs: s.conditionalFormats.map((cf) => ({ ...cf })) }));

  test('a write that fails midway leaves the previous 汇总 and no half-written one', async () => {
    const model = workbook();
    open(model);
    const host = createExcelHost();
    await host.fill(template);
    const old = model.sheet('汇总')!;
    const oldCells = [...old.entries()];
    model.refuseWrites = (sheet) => sheet === template.sheets.twoPlan; // 达标状态 comes after the new 汇总 is written
    await expect(host.fill(template)).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(model.sheet('汇总')).toBe(old);
    expect([...old.entries()]).toEqual(oldCells);
    expect(model.sheets.map((s) => s.name).filter((n) => n.startsWith('汇总'))).toEqual(['汇总']);
  });

  test("text (5), 1月2日 and 2024年3月 as a federation's 两纲 plan names and units stay text in 汇总", async () => {
    // A federation's own template (the names and units are theirs): plans renamed, A01's unit too.
    const own = structuredClone(template) as typeof template;
    const rename: Record<string, string> = { 妇女: '(5)', 儿童: '1月2日' };
    (own.twoPlan as { plans: string[] }).plans = own.twoPlan.plans.map((p) => rename[p] ?? p);
    for (const r of own.twoPlan.defaultRows as { plan: string }[]) r.plan = rename[r.plan] ?? r.plan;
    (own.indicators.find((i) => i.code === 'A01') as { unit: string }).unit = '2024年3月';
    const model = FakeWorkbookModel.fromMemoryWorkbook(buildFilledReturn(own, { quarter: 3, seed: 5 }));
    open(model);
    await createExcelHost().fill(own);
    const sum = model.sheet('汇总')!;
    const cells = [...sum.entries()].map(([, , c]) => c);
    const texts = cells.map((c) => c.value).filter((v) => v.kind === 'text').map((v) => (v as { value: string }).value);
    expect(texts).toEqual(expect.arrayContaining(['(5)', '1月2日', '2024年3月']));
    expect(cells.filter((c) => c.value.kind === 'number' && c.value.value === -5)).toEqual([]);
    expect(cells.filter((c) => /月/.test(c.numberFormat))).toEqual([]);
  });

  test.each([
    ['fill', (h: ReturnType<typeof createExcelHost>) => h.fill(template)],
    ['mark', (h: ReturnType<typeof createExcelHost>) => h.highlight(template, 'zh-CN')],
  ])('a protected sheet: %s says which sheet and changes nothing', async (_n, act) => {
    const model = workbook();
    model.sheet('创业就业')!.protected = true;
    open(model);
    const before = snapshot(model);
    const err = await act(createExcelHost()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).problem).toEqual({ kind: 'protected', sheets: ['创业就业'] });
    expect(snapshot(model)).toEqual(before);
  });

  test('focus lost to another workbook: fill and select say so and change nothing', async () => {
    const model = workbook();
    open(model);
    const host = createExcelHost();
    await host.fill(template);
    model.focusLost = true;
    const before = snapshot(model);
    for (const act of [() => host.fill(template), () => host.select('创业就业', 'E5')]) {
      const err = await act().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HostError);
      expect((err as HostError).problem).toEqual({ kind: 'focus' });
    }
    expect(snapshot(model)).toEqual(before);
  });

  test('in manual calculation, fill asks for a full recalculation, so the re-check reads the new figures', async () => {
    const model = workbook();
    model.calculationMode = 'Manual';
    open(model);
    const host = createExcelHost();
    await host.fill(template);
    const s = model.sheet('创业就业')!;
    const a01 = codeRows(s).get('A01')!;
    const q = [5, 6, 7].map((c) => s.cell(a01, c).value).map((v) => (v.kind === 'number' ? v.value : 0));
    expect(s.cell(a01, 9).value).toEqual({ kind: 'number', value: q[0]! + q[1]! + q[2]! });
    const out = await host.check(template, 'zh-CN');
    expect(out.findings.filter((f) => f.rule === 'cumulative-mismatch')).toEqual([]);
  });

  test('a zh-CN Excel on the web naming General "G/通用格式" reads the same check', async () => {
    const model = workbook();
    const plain = await (open(model), createExcelHost().check(template, 'zh-CN'));
    const local = await (open(model, { generalFormat: 'G/通用格式' }), createExcelHost().check(template, 'zh-CN'));
    expect(local.report).toEqual(plain.report);
  });

  test('a used range past 5 M cells, whose values Excel answers with null, is read in bands with the same findings', async () => {
    const model = workbook();
    const plain = await (open(model), createExcelHost().check(template, 'zh-CN'));
    // A stray format far below the cover's data stretches its used range to ~5.2 M cells (A1:E1048576).
    model.sheet('封面')!.setCell(1_048_576, 5, { numberFormat: '0.00' });
    const fake = open(model);
    const out = await createExcelHost().check(template, 'zh-CN');
    expect(out.findings).toEqual(plain.findings);
    expect(fake.stats.syncCount).toBeGreaterThan(2);
  }, 60_000);
});

describe('self-test (诊断)', () => {
  test('lists every step, passes on the fake, and leaves the workbook as it was', async () => {
    const model = workbook();
    model.activeSheet = '两纲监测';
    const before = model.sheets.map((s) => ({ name: s.name, cells: [...s.entries()], cfs: [...s.conditionalFormats] }));
    open(model);
    const d = await createExcelHost().diagnose();
    expect(d.steps.map((s) => s.id)).toEqual([...DIAGNOSTIC_STEPS]);
    expect(d.steps.filter((s) => !s.ok)).toEqual([]);
    expect(d.host).toBe('Excel');
    expect(d.platform).toBe('OfficeOnline');
    expect(d.apiSupport).toContain('ExcelApi 1.6: yes');
    expect(model.sheets.map((s) => ({ name: s.name, cells: [...s.entries()], cfs: [...s.conditionalFormats] }))).toEqual(before);
    expect(model.activeSheet).toBe('两纲监测');
  });

  test('with the focus lost, the steps that need it fail with their reason and the rest still run', async () => {
    const model = workbook();
    open(model);
    model.focusLost = true;
    const d = await createExcelHost().diagnose();
    expect(d.steps.map((s) => s.id)).toEqual([...DIAGNOSTIC_STEPS]);
    expect(d.steps.find((s) => s.id === 'add-sheet')).toMatchObject({ ok: false, detail: expect.stringContaining('GeneralException') });
  });
});
