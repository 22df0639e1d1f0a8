import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../src/common/actor';
import type { Role } from '../../src/common/role';
import { Agency, AgencyType } from '../../src/directory/agency.entity';
import { AppUser } from '../../src/directory/app-user.entity';

/** Inserts an agency (defaults: a Guatemalan reception centre on Enlace). */
export async function makeAgency(ds: DataSource, over: Partial<Agency> = {}): Promise<Agency> {
  const repo = ds.getRepository(Agency);
  return repo.save(
    repo.create({
      countryCode: 'GT',
      name: `Agencia ${randomUUID().slice(0, 8)}`,
      type: 'reception_center' as AgencyType,
      services: [],
      onEnlace: true,
      ...over,
    }),
  );
}

/**
 * Inserts a user with the role at the agency and returns the Actor for it (sign it with
 * TestApp.tokenFor). The password hash is a placeholder: use the identity module to test login.
 */
export async function makeActor(
  ds: DataSource,
  role: Role,
  agency: Agency,
): Promise<Actor & { user: AppUser }> {
  const repo = ds.getRepository(AppUser);
  const user = await repo.save(
    repo.create({
      agencyId: agency.id,
      role,
      email: `${role}.${randomUUID().slice(0, 8)}@example.org`,
      fullName: `Test ${role}`,
      passwordHash: 'not-a-valid-hash',
      language: 'es',
    }),
  );
  return {
    userId: user.id,
    role,
    agencyId: agency.id,
    countryCode: agency.countryCode,
    language: 'es',
    user,
  };
}
