/* One module per rule id: the contract's table (docs/standard-template.md section 4), src/engine/rules and the ids each module declares list the same rules. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS } from '../../src/engine/findings';
import { RULES } from '../../src/engine/validate/rules';

const root = join(__dirname, '../..');

function contractRuleIds(): string[] {
  const doc = readFileSync(join(root, 'docs/standard-template.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## 4. Finding rule ids'), doc.indexOf('### Where a finding points'));
  return [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
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
  it('the rules still detected inside the readers are those expected (move them out and shrink this list)', () => {
    const reading = Object.values(RULES)
      .filter((r) => !('check' in r) && r.scope !== 'cover-field')
      .map((r) => r.id)
      .sort();
    expect(reading).toEqual(
      [
        'approximate-value', 'cover-field-missing', 'duplicate-indicator', 'formula-error',
        'full-width-digits', 'missing-header-row', 'missing-indicator', 'missing-sheet', 'not-a-number', 'revised-earlier-quarter',
        'unit-in-cell', 'unknown-indicator',
      ].sort(),
    );
  });
});
