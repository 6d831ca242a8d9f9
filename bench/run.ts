/* Runs every bench/*.bench.ts in turn; each prints its own figures. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  for (const f of files) {
    console.log(`\n== ${f} ==`);
    const mod = (await import(join(__dirname, f))) as { default?: () => Promise<void> | void };
    if (typeof mod.default === 'function') await mod.default();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
