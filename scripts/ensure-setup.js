#!/usr/bin/env node
// Makes `npm run demo` and `npm test` work on a fresh machine: installs the npm
// dependencies when they are missing or older than the lock file, and with
// --browser makes sure a Chromium exists for the browser tests (Debian's
// package when we may install it; otherwise it says what to do).
// Plain JavaScript on purpose: it runs before any dependency exists.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const wantBrowser = process.argv.includes('--browser');

function log(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function dependenciesCurrent() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return false;
  return statSync(installed).mtimeMs >= statSync(path.join(root, 'package-lock.json')).mtimeMs;
}

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

if (!dependenciesCurrent()) {
  log('installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function findBrowser() {
  const candidates = [process.env.AFERIR_BROWSER, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((candidate) => candidate && existsSync(candidate));
}

if (wantBrowser && !findBrowser()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log("installing Debian's chromium and poppler-utils for the browser and PDF tests…");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'poppler-utils']);
  } else {
    log(
      'no Chromium found: browser tests will be skipped. Install chromium (e.g. `sudo apt-get install chromium poppler-utils`) or set AFERIR_BROWSER to a Chromium/Chrome executable.',
    );
  }
}
