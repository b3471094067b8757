/**
 * The secrets a command line carries, found before any command parses it, so
 * that an error raised while parsing (yargs' own messages, a bad flag value
 * echoed back) is scrubbed like everything a run prints afterwards. A user
 * who pastes a token into the wrong flag still never sees it in a CI log.
 */
import { isSecretHeaderValue } from '../suites/secrets/header-rules.ts';

const TOKEN_FLAGS = new Set(['--token', '--token-without-permissions', '--basic-auth']);
const TOKEN_ENV = ['AFERIR_TOKEN', 'AFERIR_TOKEN_WITHOUT_PERMISSIONS'];

/** Values of `--token`, `--token-without-permissions`, secret `--header` values (either `--flag value` or `--flag=value`) and the token variables. */
export function secretsInArgv(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const secrets: string[] = [];
  argv.forEach((arg, index) => {
    const [flag = '', inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg, '=') : [arg, undefined];
    const value = inline ?? argv[index + 1];
    if (value === undefined) return;
    if (TOKEN_FLAGS.has(flag)) secrets.push(value);
    if (flag === '--header') {
      const [name = '', headerValue] = splitOnce(value, ':');
      if (headerValue !== undefined && isSecretHeaderValue(name, headerValue)) secrets.push(headerValue.trim());
    }
  });
  for (const name of TOKEN_ENV) {
    const value = env[name];
    if (value) secrets.push(value);
  }
  return secrets;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
