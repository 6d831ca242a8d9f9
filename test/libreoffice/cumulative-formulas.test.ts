/**
 * cumulative-mismatch for formulas (spec section 4) on real files: a user's own SUM in 累计 that skips `1262余`, and a
 * 完成年计划 formula left pointing at another row. Written by openpyxl (formulas with no cached value: not judged),
 * then recalculated by LibreOffice Calc (cached values now: both judged, at their cells). Expected figures by hand.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReturn } from '../../src/engine/check';
import { formatFindings } from '../../src/engine/messages';
import { buildFilledReturn } from '../../src/engine/testing';
import { standardTemplate } from '../../src/engine/template/load';
import { readXlsx } from '../../src/xlsx';
import { viewToXlsx } from '../cli/helpers';
import { recalcInLibreOffice } from './soffice';

const tpl = standardTemplate();

/** 创业就业 as the user left it: A01 (row 3) and A03 (row 5) typed by hand, two formulas of their own. */
const OPENPYXL = `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['创业就业']
for a1, v in [('D3', 4000), ('E3', 1000), ('F3', '1262余'), ('G3', 925), ('D5', 200), ('E5', 50), ('F5', 60), ('G5', 30)]:
    ws[a1] = v
ws['I3'] = '=SUM(E3:G3)'              # skips the text 1262余: 1925, the tool's 累计 is 3187
ws['J5'] = '=IF(N(D3)=0,"",I3/D3)'    # A03's 完成年计划 pointing at A01's row: 1925/4000, the tool's is 140/200
ws['J5'].number_format = '0.00%'
wb.save(sys.argv[1])
`;

const mismatches = async (bytes: Uint8Array): Promise<string[]> => {
  const { view } = await readXlsx(bytes);
  const report = checkReturn(view, tpl);
  return formatFindings(report.issues, tpl, 'zh-CN')
    .filter((f) => f.rule === 'cumulative-mismatch')
    .map((f) => `${f.sheet}!${f.cell} ${f.message}`);
};

test('openpyxl formulas (no cached value) are not judged; after LibreOffice recalculates, both are', async () => {
  const work = mkdtempSync(join(tmpdir(), 'fulian-cumf-'));
  try {
    const path = join(work, 'user.xlsx');
    writeFileSync(path, await viewToXlsx(buildFilledReturn(tpl, { quarter: 3, seed: 1 })));
    execFileSync('/usr/bin/python3', ['-c', OPENPYXL, path], { stdio: 'pipe' });
    const written = new Uint8Array(readFileSync(path));
    expect(await mismatches(written)).toEqual([]);

    const { user } = recalcInLibreOffice({ user: written });
    expect(await mismatches(user!)).toEqual([
      '创业就业!I3 A01「妇女技能培训人数」累计由工具计算，却被改写为 =SUM(E3:G3) → 1925，应为 3187',
      '创业就业!J5 A03「技能培训班期数」完成年计划(%)由工具计算，却被改写为 =IF(N(D3)=0,"",I3/D3) → 48.13%，应为 70.00%',
    ]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 180_000);
