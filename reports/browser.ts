/**
 * Finding a Chromium to render the PDF with. Nothing is downloaded: the
 * machine (or the CI image) provides the browser, and when it does not, the
 * error says what to install and which option or variable to set.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { AferirError } from '../specs/errors.ts';

/** The Debian/Ubuntu package's path, tried after --browser and AFERIR_BROWSER. */
const DEFAULT_BROWSER_PATH = '/usr/bin/chromium';
/** Names looked up on PATH, in this order, when nothing else is set. */
const BROWSER_NAMES_ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export class BrowserNotFoundError extends AferirError {
  constructor(message: string) {
    super('browser-not-found', message, 2);
  }
}

export interface FindBrowserOptions {
  /** An explicit path (the --browser option); wins over everything and must exist. */
  browser?: string;
  /** Where to read AFERIR_BROWSER and PATH from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Replaces the /usr/bin/chromium default, for tests. Default: DEFAULT_BROWSER_PATH. */
  defaultPath?: string;
}

/** The browser executable to use, or a BrowserNotFoundError naming what to do. */
export function findBrowser(options: FindBrowserOptions = {}): string {
  const env = options.env ?? process.env;
  if (options.browser) {
    if (isExecutable(options.browser)) return options.browser;
    throw new BrowserNotFoundError(
      `The browser given with --browser (${options.browser}) does not exist or is not executable; pass the path of a Chromium or Chrome binary.`,
    );
  }
  const fromEnv = env.AFERIR_BROWSER;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new BrowserNotFoundError(
      `AFERIR_BROWSER points at ${fromEnv}, which does not exist or is not executable; fix the variable or unset it.`,
    );
  }
  const defaultPath = options.defaultPath ?? DEFAULT_BROWSER_PATH;
  if (isExecutable(defaultPath)) return defaultPath;
  for (const name of BROWSER_NAMES_ON_PATH) {
    for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new BrowserNotFoundError(
    `No Chromium or Chrome found for the PDF (tried ${defaultPath} and ${BROWSER_NAMES_ON_PATH.join(', ')} on PATH); ` +
      'install one (Debian/Ubuntu: apt-get install chromium), or pass --browser <path>, or set AFERIR_BROWSER.',
  );
}

/** Like findBrowser, but undefined instead of an error; for tests that skip without a browser. */
export function findBrowserOrUndefined(options: FindBrowserOptions = {}): string | undefined {
  try {
    return findBrowser(options);
  } catch (error) {
    if (error instanceof BrowserNotFoundError) return undefined;
    throw error;
  }
}

/** The flags every launch uses: headless, no sandbox (containers), and no phoning home. */
export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
