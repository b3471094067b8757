/**
 * `aferir run --auth`: the auth file read (from the flag, or `auth:` in
 * --config), the consent granted, then the ordinary run with the
 * consent-bound token, the consents suite and the run's live secrets; the
 * session's keys and agents are let go whatever happens.
 */
import { UsageError } from '../../specs/errors.ts';
import { scrubError, createScrubber } from '../../suites/secrets/scrub.ts';
import { parseAuth, readAuthFile, type AuthFile } from './auth-file.ts';
import { startAuthSession } from './auth-session.ts';
import { executeRun, type ExecuteIo } from './execute.ts';
import type { RunConfig } from './run-config.ts';

/** The auth file of `--auth <file>` or of --config's `auth:` (a path or an inline map); undefined when neither is given. */
export async function loadAuth(flag: unknown, fromConfig: unknown, cwd: string): Promise<AuthFile | undefined> {
  if (typeof flag === 'string') return readAuthFile(flag, cwd);
  if (flag !== undefined) throw new UsageError('--auth takes one file.');
  if (fromConfig === undefined) return undefined;
  if (typeof fromConfig === 'string') return readAuthFile(fromConfig, cwd);
  const inline = fromConfig as { document: unknown; base: string; where: string };
  return parseAuth(inline.document, inline.where, inline.base);
}

export async function runWithAuth(auth: AuthFile, config: RunConfig, signal: AbortSignal | undefined, io: ExecuteIo) {
  const { options } = config;
  if (options.token !== undefined)
    throw new UsageError('--auth and --token both give the run its token; keep one of them (--auth obtains a consent-bound token).');
  const first = options.suites[0];
  if (!first) throw new UsageError('Nothing to run: give --spec and --target.');
  const say = (line: string) => void io.stderr.write(`${createScrubber([auth.options.privateKey]).text(line)}\n`);
  let session;
  try {
    session = await startAuthSession({
      auth: auth.options,
      ...(auth.consentsSpec ? { consentsSpec: auth.consentsSpec } : {}),
      spec: typeof first.spec === 'string' ? first.spec : first.spec.id,
      target: first.target,
      ...(options.specLoad ? { specLoad: options.specLoad } : {}),
      ...(options.resolve ? { resolve: options.resolve } : {}),
      say,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw scrubError(error, createScrubber([auth.options.privateKey, auth.options.mtls.key ?? '']).text);
  }
  try {
    return await executeRun(
      {
        ...options,
        // The data suites present the client certificate the tokens are bound to, unless --cert/--key say otherwise.
        certFile: options.certFile ?? auth.files.cert,
        keyFile: options.keyFile ?? auth.files.key,
        caFile: options.caFile ?? auth.files.ca,
        insecure: options.insecure ?? auth.options.insecure,
        token: session.token,
        // Signed (application/jwt) request bodies are signed with the client's key, which the institution can verify.
        requestSigning: { privateKey: auth.options.privateKey, keyId: auth.options.keyId, clientId: auth.options.clientId },
        flows: session.flows,
        liveSecrets: session.live,
        signal,
      },
      io,
      { dir: config.reportDir, formats: config.formats, secrets: config.secrets, live: session.live },
    );
  } finally {
    await session.close();
  }
}
