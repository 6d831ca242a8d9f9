import { parseTemplate, parseTemplateJson, standardTemplate } from '../../src/engine/template/load';
import { RULE_IDS } from '../../src/engine/findings';

describe('template as data', () => {
  it('ships fulian-quarterly 2026.1 with every data-sheet indicator and rule', () => {
    const t = standardTemplate();
    expect([t.id, t.version]).toEqual(['fulian-quarterly', '2026.1']);
    expect(t.indicators).toHaveLength(51);
    expect(Object.keys(t.rules).sort()).toEqual([...RULE_IDS].sort());
  });
  it('gives a precise error for a broken template, never a throw', () => {
    const broken = structuredClone(standardTemplate()) as unknown as { indicators: { kind: string; sumOf?: string[] }[] };
    broken.indicators[3]!.sumOf = ['A05', 'Z99'];
    const r = parseTemplate(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('indicators[3].sumOf[1]');
    const j = parseTemplateJson('{"id":');
    expect(j.ok).toBe(false);
  });
});
