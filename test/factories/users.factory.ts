import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../src/common/actor';
import type { Role } from '../../src/common/role';
import { Agency } from '../../src/directory/agency.entity';
import { AppUser } from '../../src/directory/app-user.entity';
import { hashPassword } from '../../src/identity/password-hasher';

/** A password that satisfies the rules, shared by factory users unless a test sets its own. */
export const TEST_PASSWORD = 'Correcto-Caballo-42';

/**
 * Inserts a user with a real argon2id hash, so it can sign in through POST /api/v1/auth/login
 * (see test/harness/login.ts). Returns the row, its Actor and the clear password.
 */
export async function makeUser(
  ds: DataSource,
  role: Role,
  agency: Agency,
  over: {
    email?: string;
    password?: string;
    active?: boolean;
    language?: 'es' | 'en';
    fullName?: string;
  } = {},
): Promise<{ user: AppUser; actor: Actor; email: string; password: string }> {
  const password = over.password ?? TEST_PASSWORD;
  const email = over.email ?? `${role.replace(/_/g, '-')}.${randomUUID().slice(0, 8)}@example.org`;
  const repo = ds.getRepository(AppUser);
  const user = await repo.save(
    repo.create({
      agencyId: agency.id,
      role,
      email,
      fullName: over.fullName ?? `Test ${role}`,
      passwordHash: await hashPassword(password),
      language: over.language ?? 'es',
      active: over.active ?? true,
    }),
  );
  const actor: Actor = {
    userId: user.id,
    role,
    agencyId: agency.id,
    countryCode: agency.countryCode,
    language: user.language,
  };
  return { user, actor, email, password };
}
