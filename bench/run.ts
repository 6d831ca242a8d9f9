/*
 * Runs every bench/*.bench.ts in turn (or those whose names contain an argument); each prints its own figures, and
 * the targets a bench returns are printed together at the end, each ✓ or ✗ (a bench that fails is reported there and
 * the others still run).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const targets: string[] = [];
  for (const f of files) {
    console.log(`\n== ${f} ==`);
    const mod = (await import(join(__dirname, f))) as { default?: () => Promise<unknown> | unknown };
    if (typeof mod.default !== 'function') continue;
    try {
      const out = await mod.default();
      if (Array.isArray(out)) targets.push(...out.map(String));
    } catch (e) {
      // one bench that cannot run (no browser, a build that fails) does not take the others' figures with it
      console.error(e);
      targets.push(`✗ ${f} did not finish: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
      process.exitCode = 1;
    }
  }
  if (targets.length > 0) console.log(`\n== targets ==\n${targets.join('\n')}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
