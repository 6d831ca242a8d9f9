/** #20: a file the page cannot open is refused in the page's language first, as the CLI says it. */
import { describeReadError } from '../../src/preview/work';
import { readXlsx } from '../../src/xlsx';

const refusal = async (bytes: Uint8Array): Promise<unknown> => {
  try {
    await readXlsx(bytes);
  } catch (e) {
    return e;
  }
  throw new Error('read');
};

test('a .csv opened in the page is said in Chinese, and in English on request', async () => {
  const e = await refusal(new TextEncoder().encode('指标代码,指标名称,第一季度\nA01,妇女技能培训人数,820\n'));
  expect(describeReadError(e, 'zh-CN')).toBe('CSV/文本文件，不是工作簿：请在 Excel 或 WPS 中打开后另存为 .xlsx');
  expect(describeReadError(e, 'en')).toMatch(/^a CSV/i);
});

test('an old .xls is said in Chinese too', async () => {
  const e = await refusal(Uint8Array.from(Buffer.from('d0cf11e0a1b11ae10000000000000000', 'hex')));
  expect(describeReadError(e, 'zh-CN')).toMatch(/^旧版 \.xls/);
});
