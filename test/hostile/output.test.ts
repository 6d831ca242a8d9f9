/**
 * #13 item 2 and the temp-file minor: fill writes only regular files. A folder (mode 555 too), a FIFO, a socket or a
 * device behind -o is refused before anything is opened; in-place fill of a symbolic link writes the file it points
 * to and says so; temp files go on SIGINT/SIGTERM, and those of dead processes are cleaned at the next write.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { compiledBin, tempDir } from '../cli/helpers';
import { expectBounded, oneLine, runBounded, snapshot } from './helpers';
import { cleanPackage } from './packages';

jest.setTimeout(120_000);

let root: string;
let cleanup: () => void;
let bin: string;
let input: Uint8Array;
beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir('fulian-hostile-out-'));
  bin = compiledBin(root);
  input = (await cleanPackage()).bytes;
});
afterAll(() => cleanup());

let n = 0;
/** A fresh folder holding the return `in.xlsx`. */
function folder(): string {
  const d = join(root, `case${n++}`);
  mkdirSync(d);
  writeFileSync(join(d, 'in.xlsx'), input);
  return d;
}

const hasSummary = (bytes: Uint8Array): boolean => /<sheet [^>]*name="汇总"/.test(strFromU8(unzipSync(bytes)['xl/workbook.xml']!));

describe('#13.2 fill -o writes only a regular file', () => {
  const refused = (d: string, out: string, kind: RegExp): void => {
    const before = snapshot(d);
    const r = runBounded(bin, ['fill', 'in.xlsx', '-o', out], { cwd: d, timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expectBounded(r);
    const line = oneLine(r);
    expect(line).toMatch(/不是普通文件/);
    expect(line).toMatch(kind);
    expect(line).toContain(out);
    expect(snapshot(d)).toEqual(before);
  };

  test('a folder, and a mode-555 folder (not called a read-only file)', () => {
    const d = folder();
    mkdirSync(join(d, 'out.xlsx'));
    refused(d, 'out.xlsx', /是文件夹/);
    mkdirSync(join(d, 'locked'));
    chmodSync(join(d, 'locked'), 0o555);
    refused(d, 'locked', /是文件夹/);
    const r = runBounded(bin, ['fill', 'in.xlsx', '-o', 'locked'], { cwd: d });
    expect(r.stderr).not.toMatch(/只读文件/);
  });

  test('a FIFO is refused without being opened (opening one would block)', () => {
    const d = folder();
    execFileSync('mkfifo', [join(d, 'pipe.xlsx')]);
    refused(d, 'pipe.xlsx', /FIFO/);
    expect(lstatSync(join(d, 'pipe.xlsx')).isFIFO()).toBe(true);
  });

  test('a socket', async () => {
    const d = folder();
    const server: Server = createServer();
    await new Promise<void>((res) => server.listen(join(d, 'sock.xlsx'), res));
    try {
      refused(d, 'sock.xlsx', /套接字/);
    } finally {
      await new Promise<void>((res) => server.close(() => res()));
    }
  });

  test('a symbolic link to a device (as /dev/null would be) is refused; the link stays', () => {
    const d = folder();
    symlinkSync('/dev/null', join(d, 'null.xlsx'));
    refused(d, 'null.xlsx', /设备文件/);
    expect(readlinkSync(join(d, 'null.xlsx'))).toBe('/dev/null');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('a link to nothing is refused', () => {
    const d = folder();
    symlinkSync(join(d, 'nowhere.xlsx'), join(d, 'dangling.xlsx'));
    refused(d, 'dangling.xlsx', /不存在/);
  });

  test('in-place fill of a symbolic link fills the file it points to, keeps the link, and says so', () => {
    const d = folder();
    mkdirSync(join(d, 'real'));
    writeFileSync(join(d, 'real', 'county.xlsx'), input);
    symlinkSync(join(d, 'real', 'county.xlsx'), join(d, 'link.xlsx'));
    const r = runBounded(bin, ['fill', 'link.xlsx'], { cwd: d });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expectBounded(r);
    expect(r.stdout).toMatch(/link\.xlsx 是符号链接，已写入它指向的文件 .*real\/county\.xlsx/);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(lstatSync(join(d, 'link.xlsx')).isSymbolicLink()).toBe(true);
    expect(hasSummary(new Uint8Array(readFileSync(join(d, 'real', 'county.xlsx'))))).toBe(true);
    expect(readFileSync(join(d, 'in.xlsx')).equals(Buffer.from(input))).toBe(true);
    expect(readdirSync(join(d, 'real'))).toEqual(['county.xlsx']);
  });
});

describe('temp files never stay behind', () => {
  test('stale temp files of dead processes beside the target are cleaned at the next write; a live one is kept', () => {
    const d = folder();
    // a process that has ended: its pid is free (or reused by something that is no writer of ours: then it stays)
    const dead = spawn(process.execPath, ['-e', '0']);
    const deadPid = dead.pid!;
    execFileSync(process.execPath, ['-e', '0']);
    const stale = `.out.xlsx.${deadPid}.0123456789ab.tmp`;
    const live = `.out.xlsx.${process.pid}.ba9876543210.tmp`;
    const unrelated = `.other.xlsx.${deadPid}.0123456789ab.tmp`;
    for (const f of [stale, live, unrelated]) writeFileSync(join(d, f), 'partial');
    return new Promise<void>((resolve) => dead.on('exit', () => resolve())).then(() => {
      const r = runBounded(bin, ['fill', 'in.xlsx', '-o', 'out.xlsx'], { cwd: d });
      expect(r.code).toBe(0);
      expectBounded(r);
      const names = readdirSync(d).sort();
      expect(names).toEqual([live, unrelated, 'in.xlsx', 'out.xlsx'].sort());
    });
  });

  test.each(['SIGTERM', 'SIGINT'] as const)('%s while the temp file is open removes it and leaves the target as it was', async (signal) => {
    const d = folder();
    const target = join(d, 'target.xlsx');
    writeFileSync(target, 'the old file');
    // The CLI's writer in a process of its own (the source through tsx's hook: the bundle has no module to require
    // alone), with rename held forever: the temp file is written and waiting when the signal comes.
    const atomic = join(__dirname, '..', '..', 'src', 'cli', 'atomic-write.ts');
    const script = `
      const fs = require('fs');
      fs.promises.rename = () => new Promise(() => {});
      require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();
      const { writeFileAtomic } = require(${JSON.stringify(atomic)});
      writeFileAtomic(${JSON.stringify(target)}, new Uint8Array(1 << 20)).then(() => process.exit(0));
      setInterval(() => {
        if (fs.readdirSync(${JSON.stringify(d)}).some((n) => n.endsWith('.tmp'))) { process.stdout.write('ready\\n'); }
      }, 20);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((res) => child.stdout.once('data', () => res()));
    expect(readdirSync(d).some((x) => x.endsWith('.tmp'))).toBe(true);
    child.kill(signal);
    const [, sig] = await new Promise<[number | null, string | null]>((res) => child.on('exit', (c, s) => res([c, s])));
    expect(sig).toBe(signal);
    expect(readdirSync(d).sort()).toEqual(['in.xlsx', 'target.xlsx']);
    expect(readFileSync(target, 'utf8')).toBe('the old file');
    expect(existsSync(target)).toBe(true);
  });
});
