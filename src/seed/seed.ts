import 'reflect-metadata';
import { DataSource, EntityManager } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { hashPassword } from '../identity/password-hasher';
import { loadVocabularies } from '../vocabularies/vocabulary-catalog';
import { seedDemoCases } from './demo-cases';
import { DEMO_CASES } from './demo-scenario';
import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_USERS, DemoAgency, demoEmail } from './demo-directory';
import { seedId } from './seed-id';

export { seedId };

const SEED_LOCK = 0x73656564; // "seed": two concurrent runs take turns

/**
 * Loads the demo directory (agencies and users of every role, see demo-directory.ts). Idempotent:
 * rows are upserted by stable keys and only rewritten when the seed's data differs from the row,
 * so a second run changes nothing (not even updated_at or version). Passwords are set only when
 * a user is created: a demo user who changed theirs keeps it. Then the demo case work
 * (demo-scenario.ts, written by demo-cases.ts): rows absent are inserted with dates relative to
 * `now`, rows present are left alone. `configDir` holds the indicator catalog the seeded
 * measurements are scored with (CONFIG_DIR, as the API reads it).
 */
export async function runSeed(
  dataSource: DataSource,
  log: (msg: string) => void = () => {},
  opts: { now?: Date; configDir?: string } = {},
): Promise<void> {
  const catalog = loadVocabularies(opts.configDir ?? process.env.CONFIG_DIR ?? 'config').indicators;
  const now = opts.now ?? new Date();
  const emails = DEMO_USERS.map(demoEmail);
  const existing = new Set<string>(
    (await dataSource.query('SELECT email FROM app_user WHERE email = ANY($1)', [emails])).map(
      (r: { email: string }) => r.email,
    ),
  );
  // Hash outside the transaction, and only for users about to be created (each with its own salt).
  const hashes = new Map<string, string>();
  for (const e of emails) if (!existing.has(e)) hashes.set(e, await hashPassword(DEMO_PASSWORD));

  await dataSource.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    let agencies = 0;
    for (const a of DEMO_AGENCIES) agencies += await upsertAgency(m, a);
    let users = 0;
    for (const u of DEMO_USERS) {
      const email = demoEmail(u);
      users += await upsertUser(m, {
        id: seedId(`user/${email}`),
        agencyId: seedId(`agency/${u.agencyKey}`),
        role: u.role,
        email,
        fullName: u.fullName,
        language: u.language,
        passwordHash: hashes.get(email) ?? '',
      });
    }
    const caseRows = await seedDemoCases(m, catalog, now);
    log(
      `Seed: ${DEMO_AGENCIES.length} agencies (${agencies} written), ${DEMO_USERS.length} users (${users} written), ` +
        `${DEMO_CASES.length} demo cases (${caseRows} rows written). Demo password: ${DEMO_PASSWORD}`,
    );
  });
}

async function upsertAgency(m: EntityManager, a: DemoAgency): Promise<number> {
  const rows = await m.query(
    `INSERT INTO agency (id, country_code, name, acronym, city, type, services, on_enlace,
                         delivery_endpoint, signing_secret_ref, contact_email, contact_phone, active, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, true, 1)
     ON CONFLICT (id) DO UPDATE SET
       country_code = EXCLUDED.country_code, name = EXCLUDED.name, acronym = EXCLUDED.acronym,
       city = EXCLUDED.city, type = EXCLUDED.type, services = EXCLUDED.services,
       on_enlace = EXCLUDED.on_enlace, delivery_endpoint = EXCLUDED.delivery_endpoint,
       signing_secret_ref = EXCLUDED.signing_secret_ref, contact_email = EXCLUDED.contact_email,
       active = true, updated_at = now(), version = agency.version + 1
     WHERE (agency.country_code, agency.name, agency.acronym, agency.city, agency.type, agency.services,
            agency.on_enlace, agency.delivery_endpoint, agency.signing_secret_ref, agency.contact_email,
            agency.active)
       IS DISTINCT FROM
           (EXCLUDED.country_code, EXCLUDED.name, EXCLUDED.acronym, EXCLUDED.city, EXCLUDED.type,
            EXCLUDED.services, EXCLUDED.on_enlace, EXCLUDED.delivery_endpoint, EXCLUDED.signing_secret_ref,
            EXCLUDED.contact_email, true)
     RETURNING id`,
    [
      seedId(`agency/${a.key}`),
      a.countryCode,
      a.name,
      a.acronym,
      a.city,
      a.type,
      a.services,
      !a.external,
      a.external?.deliveryEndpoint ?? null,
      a.external?.signingSecretRef ?? null,
      `${a.key.toLowerCase()}@demo.enlace.example`,
    ],
  );
  return rows.length;
}

async function upsertUser(
  m: EntityManager,
  u: {
    id: string;
    agencyId: string;
    role: string;
    email: string;
    fullName: string;
    language: string;
    passwordHash: string;
  },
): Promise<number> {
  const rows = await m.query(
    `INSERT INTO app_user (id, agency_id, role, email, full_name, password_hash, active, language, version)
     VALUES ($1, $2, $3, $4, $5, $6, true, $7, 1)
     ON CONFLICT (email) DO UPDATE SET
       agency_id = EXCLUDED.agency_id, role = EXCLUDED.role, full_name = EXCLUDED.full_name,
       language = EXCLUDED.language, active = true, updated_at = now(), version = app_user.version + 1
     WHERE (app_user.agency_id, app_user.role, app_user.full_name, app_user.language, app_user.active)
       IS DISTINCT FROM (EXCLUDED.agency_id, EXCLUDED.role, EXCLUDED.full_name, EXCLUDED.language, true)
     RETURNING id`,
    [u.id, u.agencyId, u.role, u.email, u.fullName, u.passwordHash, u.language],
  );
  return rows.length;
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required');
    process.exit(2);
  }
  const ds = new DataSource(dataSourceOptions(url, 2));
  ds.initialize()
    .then(() => runSeed(ds, (msg) => console.log(msg)))
    .then(() => ds.destroy())
    .catch(async (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      await ds.destroy().catch(() => undefined);
      process.exit(1);
    });
}
