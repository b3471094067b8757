/** What stands where a secret was, in every output. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are ignored: scrubbing "a" would wreck a report, and no real token is that short. */
export const MIN_SECRET_LENGTH = 4;
