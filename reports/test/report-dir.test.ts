/**
 * Which folders may hold a report: never a filesystem root (on any drive,
 * UNC shares included) nor the home folder itself; and preparing one creates
 * it, proves it writable and resolves a symlinked folder once.
 */
import { mkdir, mkdtemp, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportDirError, prepareReportDir, refusedReportDir } from '../report-dir.ts';

describe('refusedReportDir', () => {
  it.each([
    ['/', undefined, path.posix, /root of the filesystem/],
    ['C:\\', undefined, path.win32, /root of the filesystem/],
    ['d:\\', undefined, path.win32, /root of the filesystem/],
    ['\\\\server\\share\\', undefined, path.win32, /root of the filesystem/],
    ['/home/ana', '/home/ana', path.posix, /your home folder/],
    ['/home/ana/', '/home/ana', path.posix, /your home folder/],
    ['c:\\users\\ANA', 'C:\\Users\\ana', path.win32, /your home folder/],
  ])('%s is refused', (dir, home, paths, reason) => {
    expect(refusedReportDir(dir, home, paths)).toMatch(reason);
  });

  it.each([
    ['/home/ana/reports', '/home/ana', path.posix],
    ['/home', '/home/ana', path.posix],
    ['C:\\Users\\ana\\reports', 'C:\\Users\\ana', path.win32],
    ['/srv/reports', undefined, path.posix],
  ])('%s is accepted', (dir, home, paths) => {
    expect(refusedReportDir(dir, home, paths)).toBeUndefined();
  });
});

describe('prepareReportDir', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await realpath(await mkdtemp(path.join(tmpdir(), 'aferir-prepare-')));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates a missing folder and leaves nothing else in it', async () => {
    const target = path.join(dir, 'a', 'b');
    expect(await prepareReportDir(target)).toEqual({ dir: target });
    expect(await readdir(target)).toEqual([]);
  });

  it('a symlink to a folder: resolved once, the link named', async () => {
    const real = path.join(dir, 'real');
    await mkdir(real);
    await symlink(real, path.join(dir, 'link'));
    expect(await prepareReportDir(path.join(dir, 'link'))).toEqual({ dir: real, symlink: path.join(dir, 'link') });
  });

  it('a symlink to nowhere, a symlink to the home folder and a file are refused', async () => {
    await symlink(path.join(dir, 'missing'), path.join(dir, 'dangling'));
    await expect(prepareReportDir(path.join(dir, 'dangling'))).rejects.toThrow(/dangling is a symlink to .*missing, which does not exist/);
    const home = path.join(dir, 'home');
    await mkdir(home);
    await symlink(home, path.join(dir, 'to-home'));
    await expect(prepareReportDir(path.join(dir, 'to-home'), { home })).rejects.toThrow(/is your home folder/);
    await writeFile(path.join(dir, 'file'), 'x');
    const error = await prepareReportDir(path.join(dir, 'file')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReportDirError);
    expect((error as ReportDirError).exitCode).toBe(2);
  });
});
