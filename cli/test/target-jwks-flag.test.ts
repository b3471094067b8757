/** `--target-jwks` and `target-jwks:` in --config: a URL is kept as given, a file is resolved (flag: the working directory; config: the config file's folder). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../run/config-file.ts';
import { resolveRunConfig } from '../run/run-config.ts';

const BASE = { target: 'http://127.0.0.1:1/open-banking/payments/v4', spec: 'payments.yml' };

describe('--target-jwks', () => {
  it('keeps a URL and resolves a file against the working directory', () => {
    const url = resolveRunConfig({ ...BASE, 'target-jwks': 'https://bank.example/jwks' }, {}, {}, '/work/here');
    expect(url.options.targetJwks).toBe('https://bank.example/jwks');
    const file = resolveRunConfig({ ...BASE, 'target-jwks': 'keys/jwks.json' }, {}, {}, '/work/here');
    expect(file.options.targetJwks).toBe(path.resolve('/work/here', 'keys/jwks.json'));
    expect(resolveRunConfig(BASE, {}, {}, '/work/here').options.targetJwks).toBeUndefined();
  });

  it('reads target-jwks from --config, a file relative to the config file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aferir-config-'));
    writeFileSync(path.join(dir, 'run.yaml'), 'target-jwks: jwks.json\n');
    const file = await readConfigFile(path.join(dir, 'run.yaml'), '/elsewhere');
    try {
      expect(resolveRunConfig(BASE, file, {}, '/elsewhere').options.targetJwks).toBe(path.join(dir, 'jwks.json'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
