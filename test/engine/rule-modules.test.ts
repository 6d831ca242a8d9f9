/* One module per rule id: the contract's table (docs/standard-template.md section 4), src/engine/rules and the ids each module declares list the same rules; every rule's findings come from its module alone. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from '../../src/engine/cell';
import type { checkReturn as CheckReturn } from '../../src/engine/check';
import { RULE_IDS, type Finding } from '../../src/engine/findings';
import { formatFindings } from '../../src/engine/messages';
import type { MemoryWorkbook } from '../../src/engine/memory-workbook';
import { buildFilledReturn } from '../../src/engine/testing';
import { RULES, rulesVisiting } from '../../src/engine/validate/rules';
import { damageNearlyEveryRule, put, sheet, tpl } from './helpers';

const root = join(__dirname, '../..');

function contractRuleIds(): string[] {
  const doc = readFileSync(join(root, 'docs/standard-template.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## 4. Finding rule ids'), doc.indexOf('### Where a finding points'));
  return [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1] ?? '');
}

/** A Q3 return damaged so that, checked with its Q2 return, it earns every rule but bad-period. */
function damaged(): MemoryWorkbook {
  const wb = buildFilledReturn(tpl, { quarter: 3, seed: 1 });
  damageNearlyEveryRule(wb);
  put(sheet(wb, '维权服务'), 'A3', text(''));
  put(sheet(wb, '关爱救助'), 'A2', text('代码'));
  return wb;
}

/** Every finding of the damaged return (with its Q2 return) and of a return whose 报告期 is unreadable. */
function findingsOf(checkReturn: typeof CheckReturn): Finding[] {
  const previous = buildFilledReturn(tpl, { quarter: 2, seed: 1 });
  const badPeriod = buildFilledReturn(tpl, { quarter: 3, seed: 1 });
  put(sheet(badPeriod, '封面'), 'B4', text('2026年第五季度'));
  return [
    ...formatFindings(checkReturn(damaged(), tpl, { previous }).issues, tpl, 'en'),
    ...formatFindings(checkReturn(badPeriod, tpl).issues, tpl, 'en'),
  ];
}

describe('rule modules', () => {
  const contract = contractRuleIds();
  const files = readdirSync(join(root, 'src/engine/rules')).map((f) => f.replace(/\.ts$/, ''));

  it('the contract table lists the 32 rule ids of the engine', () => {
    expect(contract).toHaveLength(32);
    expect([...contract].sort()).toEqual([...RULE_IDS].sort());
  });
  it('src/engine/rules holds one file per rule id of the table, and nothing else', () => {
    expect(files.sort()).toEqual([...contract].sort());
  });
  it('each module declares the id it is named after', () => {
    for (const id of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(root, 'src/engine/rules', id)) as { rule: { id: string } };
      expect(mod.rule.id).toBe(id);
      expect(RULES[id as keyof typeof RULES]).toBe(mod.rule);
    }
  });
  it('the checkers visit each thing they read with the rules written for it', () => {
    expect({
      sheet: rulesVisiting('sheet'),
      table: rulesVisiting('table'),
      coverField: rulesVisiting('coverField'),
      cell: rulesVisiting('cell'),
      twoPlanRow: rulesVisiting('twoPlanRow'),
      revision: rulesVisiting('revision'),
    }).toEqual({
      sheet: ['missing-sheet'],
      table: ['duplicate-indicator', 'missing-header-row', 'missing-indicator', 'unknown-indicator'],
      coverField: ['bad-date', 'bad-division-code', 'bad-period', 'bad-phone', 'cover-field-missing'],
      cell: ['approximate-value', 'formula-error', 'full-width-digits', 'not-a-number', 'unit-in-cell'],
      twoPlanRow: ['bad-direction', 'base-missing', 'cumulative-mismatch', 'target-missing', 'target-order'],
      revision: ['revised-earlier-quarter', 'stock-decrease'],
    });
    expect(rulesVisiting('indicator')).toEqual([
      'cumulative-mismatch', 'future-quarter-filled', 'negative-value', 'not-integer', 'outlier', 'part-exceeds-total',
      'parts-sum-mismatch', 'plan-missing', 'rate-mismatch', 'rate-out-of-range', 'required-missing', 'stock-decrease',
    ]);
  });

  describe("every rule's findings come from its module alone", () => {
    const all = findingsOf(jest.requireActual<typeof import('../../src/engine/check')>('../../src/engine/check').checkReturn);
    it('the two returns earn every rule', () => {
      expect(new Set(all.map((f) => f.rule))).toEqual(new Set(RULE_IDS));
    });
    it.each([...RULE_IDS])('%s: with its module visiting nothing, its findings go and no other changes', (id) => {
      const module = join(root, 'src/engine/rules', id);
      let without: Finding[] = [];
      jest.isolateModules(() => {
        jest.doMock(module, () => ({ rule: { id, check: {} } }));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        without = findingsOf((require('../../src/engine/check') as typeof import('../../src/engine/check')).checkReturn);
      });
      jest.dontMock(module);
      expect(without).toEqual(all.filter((f) => f.rule !== id));
    });
  });
});
