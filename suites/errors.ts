/**
 * Errors of the conformance engine that end a run. Everything else a target
 * does wrong is a finding, not an error: these are only for the cases where
 * there is nothing to check (the target cannot be reached at all).
 */
import { AferirError } from '../specs/errors.ts';

/** DNS failure, connection refused, TLS handshake failure: exit 3, as the contract says. */
export class TargetUnreachableError extends AferirError {
  readonly target: string;

  constructor(target: string, reason: string, options?: { cause?: unknown }) {
    super(
      'target-unreachable',
      `Cannot reach ${target}: ${reason}; check --target, the network and the TLS options (--ca, --cert, --key, --insecure).`,
      3,
      options,
    );
    this.target = target;
  }
}
