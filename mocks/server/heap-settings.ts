/**
 * V8 heap settings for a long-running mock process. The mock allocates fast and keeps little (a request's
 * objects die with its answer), and V8's defaults size the heap for the opposite: the young generation grows
 * to 16 MB semi-spaces under load and the old space to several times its live size before a full collection.
 * Measured over 60 s of mixed fresh paths with every bundled spec (`npm run bench -- mock-fresh --soak 60`): RSS
 * 184 MB with the defaults, 151–153 MB with these, and no loss of throughput (13.7–14.9k req/s against 10.7k;
 * the machine's noise is about that large). Node reads `--max-semi-space-size` only at start, so the young generation is held at
 * its initial size by its growth factor, which V8 reads whenever it would grow it.
 */
import v8 from 'node:v8';

const SETTINGS = [
  // Keep the young generation at its initial 1 MB semi-spaces: scavenges stay short and cache-warm.
  { flag: 'semi-space-growth-factor', value: '1', overriddenBy: /semi-space/ },
  // A full collection when the old space reaches 1.5× its live size, not the default (up to 4× for fast GC).
  { flag: 'heap-growing-percent', value: '50', overriddenBy: /heap-growing|max-old-space|max-heap-size/ },
];

/** Applies SETTINGS, except where the user already chose (node flags or NODE_OPTIONS). */
export function applyMockHeapSettings(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): string[] {
  const chosen = `${execArgv.join(' ')} ${nodeOptions}`;
  const applied: string[] = [];
  for (const setting of SETTINGS) {
    if (setting.overriddenBy.test(chosen)) continue;
    v8.setFlagsFromString(`--${setting.flag}=${setting.value}`);
    applied.push(`--${setting.flag}=${setting.value}`);
  }
  return applied;
}
