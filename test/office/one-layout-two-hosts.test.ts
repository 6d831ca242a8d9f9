/*
 * One layout, three hosts: the task pane's fill in Excel (Office.js host over the fake Excel), in WPS 表格 (the WPS
 * host over the fake WPS API) and the CLI's `fill` (the xlsx patcher) write the same formulas, labels and number
 * formats, cell for cell, into the same return.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { standardTemplate, type Cell, type WorkbookView } from '../../src/engine';
import { buildFilledReturn } from '../../src/engine/testing';
import { FakeWorkbookModel, createFakeOffice } from '../../src/office-fake';
import { createExcelHost } from '../../src/taskpane/excel';
import { createWpsHost } from '../../src/wps/host';
import { createFakeWps } from '../../src/wps-fake';
import { readXlsx, writeNewXlsx } from '../../src/xlsx';
import { runCli, tempDir } from '../cli/helpers';

const template = standardTemplate();

type Written = Map<string, { formula: string | null; text: string | null; numberFormat: string | null }>;

/** Every cell holding a formula on any sheet, and every constant on 汇总 (the sheet the tool owns whole). */
function written(view: WorkbookView): Written {
  const out: Written = new Map();
  for (const name of view.sheetNames) {
    const s = view.sheet(name)!;
    for (let r = 1; r <= s.rowCount; r++) {
      for (let c = 1; c <= s.colCount; c++) {
        const cell: Cell = s.cell(r, c);
        const isSummary = name === template.summary.sheet;
        if (!cell.formula && !(isSummary && cell.value.kind !== 'blank')) continue;
        const fmt = cell.numberFormat && cell.numberFormat !== 'General' ? cell.numberFormat : null;
        out.set(`${name}!${r},${c}`, {
          formula: cell.formula ?? null,
          text: cell.formula ? null : cell.value.kind === 'text' ? cell.value.value : JSON.stringify(cell.value),
          numberFormat: cell.formula ? fmt : null,
        });
      }
    }
  }
  return out;
}

describe('fill: the task pane in Excel and in WPS and the CLI write one layout', () => {
  it.each([1, 3, 4] as const)('Q%i return: the same formulas, labels and percent formats in every cell', async (quarter) => {
    const wb = buildFilledReturn(template, { quarter, seed: 11, extraRows: 1 });
    const bytes = await writeNewXlsx(wb);
    const { dir, cleanup } = tempDir('fulian-two-hosts-');
    try {
      // The CLI: fill the file through the real command.
      const input = join(dir, 'return.xlsx');
      const output = join(dir, 'filled.xlsx');
      writeFileSync(input, bytes);
      const r = await runCli(['fill', input, '-o', output]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const cli = written((await readXlsx(new Uint8Array(readFileSync(output)))).view);

      // The task pane: the same workbook in the fake Excel, checked and filled by the Office.js host.
      const model = FakeWorkbookModel.fromWorkbookView((await readXlsx(bytes)).view);
      const env = createFakeOffice(model, { displayLanguage: 'zh-CN' });
      const host = createExcelHost({ excel: env.Excel as unknown as typeof Excel });
      await host.check(template, 'zh-CN');
      await host.fill(template);
      const pane = written(model.toWorkbookView());

      // WPS 表格: the same workbook in the fake WPS API, filled by the WPS host.
      const wpsModel = FakeWorkbookModel.fromWorkbookView((await readXlsx(bytes)).view);
      await createWpsHost({ application: createFakeWps(wpsModel).Application }).fill(template);
      const wps = written(wpsModel.toWorkbookView());

      expect(cli.size).toBeGreaterThan(200);
      expect([...cli.values()].filter((w) => w.numberFormat === "0.00%").length).toBeGreaterThan(50);
      expect([...pane.keys()].sort()).toEqual([...cli.keys()].sort());
      for (const [key, want] of cli) expect([key, pane.get(key)]).toEqual([key, want]);
      expect([...wps.keys()].sort()).toEqual([...cli.keys()].sort());
      for (const [key, want] of cli) expect([key, wps.get(key)]).toEqual([key, want]);
    } finally {
      cleanup();
    }
  });
});
