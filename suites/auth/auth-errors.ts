/**
 * A step of the authorization flow that failed: one sentence naming the step,
 * and the contract's exit code — 2 when our side is misconfigured (the server
 * refused our client, key or redirect URI), 3 when the server cannot be
 * reached, 1 when it answered something the standards do not allow.
 */
import { AferirError, type ExitCode } from '../../specs/errors.ts';
import { describeNetworkFailure } from '../http/network-failure.ts';

export type AuthStep =
  'discovery' | 'client-credentials' | 'consent-creation' | 'pushed-authorization' | 'approval' | 'code-exchange' | 'refresh';

export class AuthStepError extends AferirError {
  constructor(
    readonly step: AuthStep,
    detail: string,
    exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(`auth-${step}`, `Authorization step '${step}' failed: ${detail.replace(/[.\s]+$/, '')}.`, exitCode, options);
  }
}

/** OAuth errors that mean the server does not accept our configuration (client, key, redirect URI, scope). */
const CONFIGURATION_ERRORS = new Set([
  'invalid_client',
  'unauthorized_client',
  'invalid_request',
  'invalid_request_uri',
  'invalid_request_object',
  'invalid_scope',
  'invalid_grant',
  'access_denied',
  'unsupported_grant_type',
  'invalid_redirect_uri',
]);

/** Turns whatever openid-client or fetch threw during `step` into an AuthStepError. */
export function authStepError(step: AuthStep, error: unknown): AuthStepError {
  if (error instanceof AuthStepError) return error;
  const oauth = error as { error?: unknown; error_description?: unknown; code?: unknown; status?: unknown };
  if (typeof oauth.error === 'string') {
    const detail = `the server answered ${oauth.error}${typeof oauth.error_description === 'string' ? ` (${oauth.error_description})` : ''}`;
    return new AuthStepError(step, detail, CONFIGURATION_ERRORS.has(oauth.error) ? 2 : 1, { cause: error });
  }
  const network = describeNetworkFailure(error, 0);
  if (network.unreachable) return new AuthStepError(step, network.message, 3, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new AuthStepError(step, message.split('\n')[0] ?? message, 1, { cause: error });
}
