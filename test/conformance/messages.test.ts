/* Spec section 4: every finding's message is Chinese by default and English on request, with no placeholder left. */
import { checkReturn, formatFindings } from '../../src/engine';
import { BLANK, clean, N, setInd, setTwoPlan, sheet, T, tpl } from './helpers';

/** A return that trips most rules at once. */
function broken() {
  const wb = clean(3);
  const cover = sheet(wb, '封面');
  cover.set(3, 2, { value: T('12345') }); // 行政区划代码
  cover.set(4, 2, { value: T('2026Q7') });
  cover.set(5, 2, { value: BLANK });
  cover.set(7, 2, { value: T('电话') });
  cover.set(8, 2, { value: T('昨天') });
  setInd(wb, 'A01', 'plan', BLANK);
  setInd(wb, 'A03', 'q1', T('无'));
  setInd(wb, 'A03', 'q2', T('150余'));
  setInd(wb, 'A09', 'q1', T('24000元'));
  setInd(wb, 'A10', 'q1', T('３'));
  setInd(wb, 'A12', 'q1', N(-1));
  setInd(wb, 'A12', 'q2', N(1.5));
  setInd(wb, 'A13', 'q1', { kind: 'error', code: '#REF!' });
  setInd(wb, 'A15', 'q3', BLANK);
  setInd(wb, 'A15', 'q4', N(3));
  setInd(wb, 'B01', 'q1', N(10));
  setInd(wb, 'B02', 'q1', N(20));
  setInd(wb, 'B04', 'q2', N(1));
  setInd(wb, 'B03', 'q2', N(99));
  setInd(wb, 'E01', 'q2', N(0));
  setInd(wb, 'D01', 'cumulative', N(1));
  setInd(wb, 'C13', 'q3', N(1e6));
  setTwoPlan(wb, 'W01', 'finalTarget', BLANK);
  setTwoPlan(wb, 'K01', 'direction', T('?'));
  setTwoPlan(wb, 'K02', 'baseline', N(10));
  setTwoPlan(wb, 'K02', 'midTarget', N(20));
  const s = sheet(wb, '家庭建设');
  s.set(s.rowCount + 1, 1, { value: T('D01') });
  s.set(s.rowCount + 1, 1, { value: T('D77') });
  wb.removeSheet('组织建设');
  return checkReturn(wb, tpl);
}

describe('messages', () => {
  const report = broken();
  const rules = new Set(report.issues.map((i) => i.rule));

  it('the broken return trips most rules', () => {
    expect(rules.size).toBeGreaterThanOrEqual(25);
  });

  it('zh-CN by default: Chinese text, no {placeholder} left', () => {
    for (const f of formatFindings(report.issues, tpl)) {
      expect({ rule: f.rule, message: f.message }).toEqual({ rule: f.rule, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
      expect({ rule: f.rule, leftover: /\{[A-Za-z]+\}/.test(f.message) }).toEqual({ rule: f.rule, leftover: false });
    }
  });

  it('English on request: the template wording in English, no {placeholder} left', () => {
    const zh = formatFindings(report.issues, tpl, 'zh-CN');
    const en = formatFindings(report.issues, tpl, 'en');
    en.forEach((f, i) => {
      expect({ rule: f.rule, leftover: /\{[A-Za-z]+\}/.test(f.message) }).toEqual({ rule: f.rule, leftover: false });
      expect(f.message).not.toBe(zh[i]!.message);
      expect(f.message).toMatch(/[A-Za-z]{3,}/);
      expect({ ...f, message: '' }).toEqual({ ...zh[i]!, message: '' });
    });
  });

  it('every rule of the catalogue has both a zh-CN and an en message', () => {
    for (const [rule, def] of Object.entries(tpl.rules)) {
      expect({ rule, zh: !!def?.message['zh-CN'], en: !!def?.message.en }).toEqual({ rule, zh: true, en: true });
    }
  });
});
