/**
 * The two loader flags every command that takes --spec shares: where the
 * spec's `$ref`s may also reach (`--ref-root`) and how long downloading it may
 * take (`--spec-timeout`). Values are parsed by specs/load-options.ts.
 */
import type { Argv } from 'yargs';

export function withSpecLoadFlags<T>(y: Argv<T>) {
  return y
    .option('ref-root', {
      type: 'string',
      array: true,
      description: "A folder (or http(s) URL prefix) the spec's $refs may also read, besides its own folder or origin (repeatable)",
    })
    .option('spec-timeout', { type: 'string', description: 'Deadline in ms for downloading the spec and all its $refs (default 30000)' });
}
