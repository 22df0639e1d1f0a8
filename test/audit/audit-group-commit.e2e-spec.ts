import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../src/common/actor';
import type { Clock } from '../../src/common/clock';
import { Role } from '../../src/common/role';
import { AuditService } from '../../src/audit-trail/audit.service';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createTestDatabase } from '../harness/test-db';

/**
 * Entries written on their own (reads, denials, logins) share commits when they arrive together:
 * the audit pool's connections each carry one INSERT at a time, and what waits goes out in the
 * next one. Each caller still learns the fate of its own row.
 */
describe('recordAlone: group commit on the audit pool', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let audit: AuditService;
  const actor: Actor = {
    userId: randomUUID(),
    role: Role.Caseworker,
    agencyId: randomUUID(),
    countryCode: 'GT',
    language: 'es',
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // The production default: AUDIT_POOL_SIZE=2.
    ds = new DataSource({ ...dataSourceOptions(db.url, 2), migrations: [] });
    await ds.initialize();
    audit = new AuditService(ds, { now: () => new Date() } as Clock);
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  it('commits 60 simultaneous entries in a few transactions, each visible once its caller resumes', async () => {
    const subject = randomUUID();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        audit.recordAlone({ actor, action: 'probe.group', subjectId: subject, fields: [`f${i}`] }),
      ),
    );
    const [{ rows, commits }] = (await ds.query(
      `SELECT count(*)::int AS rows, count(DISTINCT xmin::text)::int AS commits
         FROM audit_entry WHERE subject_id = $1`,
      [subject],
    )) as { rows: number; commits: number }[];
    expect(rows).toBe(60);
    // Two go out at once (two connections); the 58 that waited share the next INSERT.
    expect(commits).toBeLessThanOrEqual(4);
    const fields = (await ds.query(`SELECT fields[1] AS f FROM audit_entry WHERE subject_id = $1`, [
      subject,
    ])) as { f: string }[];
    expect(new Set(fields.map((r) => r.f)).size).toBe(60);
  });

  it('fails only the caller whose entry the database refuses; the others of its batch are written', async () => {
    const subject = randomUUID();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        audit.recordAlone({
          actor,
          action: 'probe.bad',
          subjectId: subject,
          caseId: i === 7 ? 'not-a-uuid' : randomUUID(),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(
      Array.from({ length: 12 }, (_, i) => (i === 7 ? 'rejected' : 'fulfilled')),
    );
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM audit_entry WHERE subject_id = $1`, [
      subject,
    ])) as { n: number }[];
    expect(n).toBe(11);
  });
});
