import * as argon2 from 'argon2';

/**
 * The numbers of the sign-in rules, in one place (docs/identity.md quotes them).
 * After LOCKOUT_MAX_FAILURES consecutive failed sign-ins the account is locked for
 * LOCKOUT_MINUTES; the next success resets the count.
 */
export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

/** Password rules: length bounds and how many of the four character classes are required. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_CLASSES = 3;

/** argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane): about 30 ms per hash here. */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;
