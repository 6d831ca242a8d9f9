import { parseArgs, type OptionsSpec } from '../../src/cli/args';

const spec: OptionsSpec = {
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  unit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const ok = (argv: string[]) => {
  const r = parseArgs(argv, spec);
  if (!r.ok) throw new Error(`unexpected problem ${JSON.stringify(r.problem)}`);
  return r.args;
};

describe('parseArgs', () => {
  it('reads booleans, strings in both spellings, short options and positionals in any order', () => {
    expect(ok(['a.xlsx', '--json', '-o', 'out.xlsx', 'b.xlsx'])).toEqual({
      options: { json: true, output: 'out.xlsx' },
      positionals: ['a.xlsx', 'b.xlsx'],
    });
    expect(ok(['--output=x.xlsx']).options).toEqual({ output: 'x.xlsx' });
    expect(ok(['-oy.xlsx']).options).toEqual({ output: 'y.xlsx' });
    expect(parseArgs(['--output=x.xlsx', '--output', 'y.xlsx'], spec)).toEqual({
      ok: false,
      problem: { kind: 'repeated-option', option: '--output' },
    });
  });

  it('takes a value starting with a sign or = as the value of a string option', () => {
    expect(ok(['--unit', '-某县妇联']).options['unit']).toBe('-某县妇联');
    expect(ok(['--unit', '=SUM(A1)']).options['unit']).toBe('=SUM(A1)');
    expect(ok(['--unit=--x']).options['unit']).toBe('--x');
  });

  it('ends options at --', () => {
    expect(ok(['--', '--json', '-o'])).toEqual({ options: {}, positionals: ['--json', '-o'] });
  });

  it.each([
    [['--nope'], { kind: 'unknown-option', option: '--nope' }],
    [['-x'], { kind: 'unknown-option', option: '-x' }],
    [['--output'], { kind: 'missing-value', option: '--output' }],
    [['-o', '--json'], { kind: 'missing-value', option: '-o' }],
    [['--output='], { kind: 'missing-value', option: '--output' }],
    [['--json=yes'], { kind: 'unexpected-value', option: '--json' }],
    [['--constructor'], { kind: 'unknown-option', option: '--constructor' }],
  ])('reports %j as a problem', (argv, problem) => {
    expect(parseArgs(argv, spec)).toEqual({ ok: false, problem });
  });
});
