/**
 * The `browser` approval: Chromium (playwright-core) opens the authorize URL
 * and runs the user's steps on the institution's own consent page (fill a
 * selector with a value, click, wait for a selector or some milliseconds).
 * The navigation to the redirect URI is caught, answered locally and never
 * reaches the network: its URL is the answer.
 */
import { chromium } from 'playwright-core';
import type { AuthOptions, BrowserStep } from './auth-options.ts';
import { AuthStepError } from './auth-errors.ts';

const DEFAULT_BROWSER = '/usr/bin/chromium';

export async function browserApproval(url: URL, options: AuthOptions): Promise<URL> {
  const executablePath = options.approval.browser ?? process.env.AFERIR_BROWSER ?? DEFAULT_BROWSER;
  const timeout = options.approval.timeoutMs;
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  } catch (error) {
    throw new AuthStepError('approval', `cannot start the browser ${executablePath} (set approval.browser or AFERIR_BROWSER)`, 2, {
      cause: error,
    });
  }
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: options.insecure });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    const redirect = new URL(options.redirectUri);
    let resolveArrival!: (url: URL) => void;
    const arrived = new Promise<URL>((resolve) => (resolveArrival = resolve));
    await context.route(
      (candidate) => candidate.origin === redirect.origin && candidate.pathname === redirect.pathname,
      async (route) => {
        resolveArrival(new URL(route.request().url()));
        await route.fulfill({ status: 200, contentType: 'text/plain', body: 'aferir received the answer.' });
      },
    );
    await page.goto(url.href);
    for (const [index, step] of options.approval.steps.entries()) {
      // A step list that ends early (an auto-approving page) is fine: the answer may already be here.
      const done = await Promise.race([arrived.then(() => true), runStep(page, step, index).then(() => false)]);
      if (done) break;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new AuthStepError(
              'approval',
              `the consent page did not redirect to ${options.redirectUri} after the steps (within ${timeout} ms)`,
              1,
            ),
          ),
        timeout,
      );
    });
    try {
      return await Promise.race([arrived, late]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser.close();
  }
}

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof chromium.launch>>['newPage']>>;

async function runStep(page: Page, step: BrowserStep, index: number): Promise<void> {
  try {
    if ('fill' in step) await page.fill(step.fill, step.value);
    else if ('click' in step) await page.click(step.click);
    else if ('wait' in step) await page.waitForSelector(step.wait);
    else await page.waitForTimeout(step.waitMs);
  } catch (error) {
    const what =
      'fill' in step ? `fill ${step.fill}` : 'click' in step ? `click ${step.click}` : 'wait' in step ? `wait ${step.wait}` : 'wait';
    throw new AuthStepError('approval', `browser step ${index + 1} (${what}) failed: ${(error as Error).message.split('\n')[0]}`, 1, {
      cause: error,
    });
  }
}
