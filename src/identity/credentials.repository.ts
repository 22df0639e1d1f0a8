import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Role } from '../auth/role';
import { LOCKOUT_MAX_FAILURES, LOCKOUT_MINUTES } from './identity.constants';

/** What sign-in needs to know about an account: its hash, state, and who it acts as. */
export interface Credentials {
  id: string;
  email: string;
  passwordHash: string;
  active: boolean;
  lockedUntil: Date | null;
  role: Role;
  agencyId: string;
  agencyActive: boolean;
  countryCode: string;
  language: 'es' | 'en';
}

const SELECT = `
  SELECT u.id, u.email, u.password_hash AS "passwordHash", u.active, u.locked_until AS "lockedUntil",
         u.role, u.agency_id AS "agencyId", a.active AS "agencyActive", a.country_code AS "countryCode",
         u.language
    FROM app_user u JOIN agency a ON a.id = u.agency_id`;

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
      `SELECT u.id, u.email, u.full_name AS "fullName", u.role, u.language, u.active,
              a.id AS "agencyId", a.name AS "agencyName", a.acronym, a.type, a.country_code AS "countryCode"
         FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Counts a failure atomically; a lock that has run out starts a fresh count. Reaching the
   * threshold locks the account until now + LOCKOUT_MINUTES. Returns the lock, if any.
   */
  async recordFailure(m: EntityManager, userId: string, now: Date): Promise<Date | null> {
    const [rows] = await m.query(
      `WITH next AS (
         SELECT id, CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1
                         ELSE failed_logins + 1 END AS n
           FROM app_user WHERE id = $1 FOR UPDATE)
       UPDATE app_user u
          SET failed_logins = next.n,
              locked_until = CASE WHEN next.n >= $3 THEN $2::timestamptz + make_interval(mins => $4)
                                  WHEN u.locked_until IS NOT NULL AND u.locked_until <= $2 THEN NULL
                                  ELSE u.locked_until END
         FROM next WHERE u.id = next.id
       RETURNING u.locked_until AS "lockedUntil"`,
      [userId, now, LOCKOUT_MAX_FAILURES, LOCKOUT_MINUTES],
    );
    return (rows as { lockedUntil: Date | null }[])[0]?.lockedUntil ?? null;
  }

  async recordSuccess(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE app_user SET failed_logins = 0, locked_until = NULL
        WHERE id = $1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)`,
      [userId],
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
