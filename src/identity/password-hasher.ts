import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { ARGON2_OPTIONS } from './identity.constants';

/** argon2id hash of a password (the seed and the test factories use this too). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** False for a wrong password or a hash that is not argon2 (never throws on bad input). */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a hash of a random secret, so an unknown email or a locked account costs the
 * same time as a wrong password and the response time does not tell them apart.
 */
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  await verifyPassword(await dummy, password);
}
