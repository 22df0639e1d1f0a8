import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AccessTokenService } from '../../src/auth/access-token.service';
import { Role } from '../../src/common/role';
import type { Env } from '../../src/config/env';
import { TEST_JWT_SECRET } from './services';

/**
 * A reception centre and a caseworker inserted with plain SQL (for tests whose API runs in
 * another process, on a database the test reaches by URL), and a token for the caseworker.
 */
export async function seedCaseworker(databaseUrl: string): Promise<{ agencyId: string; token: string }> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const agency = await c.query(
      `INSERT INTO agency (country_code, name, type, on_enlace, version)
       VALUES ('GT', $1, 'reception_center', true, 1) RETURNING id`,
      [`Centro ${randomUUID().slice(0, 8)}`],
    );
    const agencyId: string = agency.rows[0].id;
    const user = await c.query(
      `INSERT INTO app_user (agency_id, role, email, full_name, password_hash, language, version)
       VALUES ($1, 'caseworker', $2, 'Test caseworker', 'not-a-valid-hash', 'es', 1) RETURNING id`,
      [agencyId, `caseworker.${randomUUID().slice(0, 8)}@example.org`],
    );
    const token = new AccessTokenService({
      jwtSecret: TEST_JWT_SECRET,
      jwtAccessTtlSeconds: 3600,
    } as Env).sign({
      userId: user.rows[0].id,
      role: Role.Caseworker,
      agencyId,
      countryCode: 'GT',
      language: 'es',
    });
    return { agencyId, token };
  } finally {
    await c.end();
  }
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'xe', 'yu', 'za', 'be', 'do', 'fi', 'gu'];
const word = (n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += SYLLABLES[Math.floor(Math.random() * SYLLABLES.length)];
  return s[0].toUpperCase() + s.slice(1);
};

/** A registration of a new child with a generated name (unlikely to match an earlier one). */
export function newChildRegistration(receptionCenterId: string): Record<string, unknown> {
  return {
    reception: {
      receivedAt: '2026-03-01T10:00:00Z',
      receptionCenterId,
      returnedFrom: 'US',
      meansOfReturn: 'air',
      accompaniment: 'unaccompanied',
    },
    child: {
      firstNames: `${word(3)} ${word(2)}`,
      lastNames: `${word(3)} ${word(3)}`,
      dateOfBirth: `${2009 + Math.floor(Math.random() * 6)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 10)}`,
      sex: 'female',
      nationality: 'GT',
      languages: ['es'],
    },
    protectionConcerns: ['family_separation'],
    immediateNeeds: ['food'],
    legalBasis: 'vital_interests',
    riskLevel: 'medium',
  };
}
