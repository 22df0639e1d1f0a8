import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Role } from '../common/role';
import { LOCKOUT_MAX_FAILURES, LOCKOUT_MINUTES } from './identity.constants';

/** What sign-in needs to know about an account: its hash, state, and who it acts as. */
export interface Credentials {
  id: string;
  email: string;
  passwordHash: string;
  /** May sign in: not deactivated, and approved and activated (access state `active`). */
  active: boolean;
  lockedUntil: Date | null;
  role: Role;
  agencyId: string;
  agencyActive: boolean;
  countryCode: string;
  language: 'es' | 'en';
}

/** An account may sign in when it is active and its grant was approved and activated. */
const CAN_SIGN_IN = `(u.active AND u.access_state = 'active')`;

const SELECT = `
  SELECT u.id, u.email, u.password_hash AS "passwordHash", ${CAN_SIGN_IN} AS active,
         u.locked_until AS "lockedUntil",
         u.role, u.agency_id AS "agencyId", a.active AS "agencyActive", a.country_code AS "countryCode",
         u.language
    FROM app_user u JOIN agency a ON a.id = u.agency_id`;

/** The count after one more guess: a lock that has run out starts a fresh count. */
const NEXT = `(CASE WHEN locked_until <= $2 THEN 1 ELSE failed_logins + 1 END)`;

/** The signed-in user's own account, with its agency. */
export interface Profile {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  language: 'es' | 'en';
  active: boolean;
  agencyId: string;
  agencyName: string;
  acronym: string | null;
  type: string;
  countryCode: string;
}

/** The queries of sign-in: credentials, the failure counter and the lock. */
@Injectable()
export class CredentialsRepository {
  async byEmail(m: EntityManager, email: string): Promise<Credentials | null> {
    const [row] = await m.query(`${SELECT} WHERE u.email = $1`, [email]);
    return row ?? null;
  }

  async byId(m: EntityManager, id: string): Promise<Credentials | null> {
    const [row] = await m.query(`${SELECT} WHERE u.id = $1`, [id]);
    return row ?? null;
  }

  async profile(m: EntityManager, id: string): Promise<Profile | null> {
    const [row] = await m.query(
      `SELECT u.id, u.email, u.full_name AS "fullName", u.role, u.language, ${CAN_SIGN_IN} AS active,
              a.id AS "agencyId", a.name AS "agencyName", a.acronym, a.type, a.country_code AS "countryCode"
         FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Reserves one password check before the hash is verified, in one conditional UPDATE, so
   * concurrent guesses cannot all pass a "not locked" read: each takes a slot of the count, and
   * once LOCKOUT_MAX_FAILURES slots are taken (the last one sets the lock) the rest get nothing
   * until the lock runs out, which starts a fresh count. A success gives the slots back
   * (recordSuccess). Returns null when no slot is left, else the lock this slot set, if any.
   */
  async reserveGuess(
    m: EntityManager,
    userId: string,
    now: Date,
  ): Promise<{ lockedUntil: Date | null } | null> {
    const [rows] = await m.query(
      // SET reads the row's latest version (a concurrent reservation is waited for, then seen).
      `UPDATE app_user
          SET failed_logins = ${NEXT},
              locked_until = CASE WHEN ${NEXT} >= $3 THEN $2::timestamptz + make_interval(mins => $4) END
        WHERE id = $1 AND (locked_until <= $2 OR (locked_until IS NULL AND failed_logins < $3))
       RETURNING locked_until AS "lockedUntil"`,
      [userId, now, LOCKOUT_MAX_FAILURES, LOCKOUT_MINUTES],
    );
    const row = (rows as { lockedUntil: Date | null }[])[0];
    return row ? { lockedUntil: row.lockedUntil } : null;
  }

  /** The lock of an account that has no slot left (for Retry-After). */
  async lockedUntil(m: EntityManager, userId: string): Promise<Date | null> {
    const [row] = await m.query(`SELECT locked_until AS "lockedUntil" FROM app_user WHERE id = $1`, [userId]);
    return row?.lockedUntil ?? null;
  }

  async recordSuccess(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE app_user SET failed_logins = 0, locked_until = NULL
        WHERE id = $1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)`,
      [userId],
    );
  }

  /**
   * The account needs a new activation: its password stops working (an empty hash never
   * verifies) until the holder of an activation token sets one.
   */
  async requireActivation(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE app_user SET password_hash = '', access_state = 'awaiting_activation', version = version + 1,
              updated_at = now() WHERE id = $1`,
      [userId],
    );
  }

  /** The activation token's holder chose a password: the account may sign in from now on. */
  async activate(m: EntityManager, userId: string, hash: string): Promise<void> {
    await m.query(
      `UPDATE app_user SET password_hash = $2, access_state = 'active', failed_logins = 0, locked_until = NULL,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [userId, hash],
    );
  }

  /** Sets a new hash and clears the failure count and any lock. */
  async setPasswordHash(m: EntityManager, userId: string, hash: string): Promise<void> {
    await m.query(
      `UPDATE app_user SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1`,
      [userId, hash],
    );
  }
}
