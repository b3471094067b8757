/**
 * Before any test: dist/ matches the sources, so the tests that run the real
 * binary (bin/aferir.js runs dist/) start at once and never rebuild it while
 * other tests run. `node scripts/build.js --if-stale` builds only when a source
 * changed since the last build.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}
