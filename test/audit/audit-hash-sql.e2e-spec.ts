import { Client } from 'pg';
import { CANONICAL_TAIL_SQL, canonicalText, entryHash, GENESIS_HASH } from '../../src/audit-trail/audit-hash';
import { ChainSealer } from '../../src/audit-trail/audit-sequencer';
import { verifyChain } from '../../src/audit/audit-chain.verifier';
import { readChainBatch, readChainEntry, readChainLinks } from '../../src/audit/audit.repository';
import { createTestDatabase } from '../harness/test-db';
import { asTamperer } from '../factories/audit.factory';

/**
 * The sequencer and the verifier hash the canonical text PostgreSQL renders (CANONICAL_TAIL_SQL);
 * the verifier falls back to the row's columns and `entryHash` when a link does not match. The
 * rendering must be byte-identical to `entryHash`'s JSON for what the application writes,
 * awkward values included: then a chain sealed one way verifies the other way too.
 */
describe('the canonical text rendered by PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let c: Client;
  const q = (sql: string, params?: unknown[]) => c.query(sql, params).then((r) => r.rows as never[]);

  beforeAll(async () => {
    db = await createTestDatabase();
    c = new Client({ connectionString: db.url });
    await c.connect();
    const awkward = [
      'plain',
      'quote " and backslash \\ and slash /',
      'tab\tnew line\ncarriage\rback\bform\f',
      'control \u0001\u001f and delete \u007f',
      'acentos: niña, Guatemala — ✓ 𝄞',
      '',
      '[1,"x"]',
      'null',
    ];
    for (const [i, text] of awkward.entries())
      await c.query(
        `INSERT INTO audit_entry (occurred_at, actor_user_id, actor_role, actor_agency_id, actor_country_code, action,
           subject_type, subject_id, case_id, fields, purpose, outcome, request_id)
         VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8, $9, $10, 'allowed', $11)`,
        [
          new Date(Date.UTC(2026, 10, 29, 10, i, i, i * 111)),
          i % 2 ? '6f1c1d3e-2b7a-4c55-9d0e-0a1b2c3d4e5f' : null,
          i % 3 ? 'caseworker' : null,
          i % 2 ? 'GT' : null,
          `probe.${i}`,
          i % 2 ? 'Case' : null,
          text,
          i % 2 ? 'b7e3a1f0-1111-4222-8333-944455566677' : null,
          i % 4 === 0 ? [] : [text, 'operational', i % 3 ? 'x,y' : '{"a"}'],
          i % 2 ? text : null,
          i === 5 ? null : text,
        ],
      );
    // The timestamp the application never writes but a default would: microseconds.
    await c.query(
      `INSERT INTO audit_entry (occurred_at, action, outcome) VALUES ('2026-11-29 10:00:00.123456+00', 'probe.micro', 'allowed')`,
    );
    await new ChainSealer().sealAll(c);
  });
  afterAll(async () => {
    await c?.end();
    await db?.drop();
  });

  it('is the JSON entryHash hashes, byte for byte, for every row; the sealed hashes verify by columns', async () => {
    const rows = await readChainBatch({ query: q }, '0', 100);
    const rendered = await q(`SELECT ${CANONICAL_TAIL_SQL} AS tail FROM audit_entry ORDER BY seq`);
    expect(rows).toHaveLength(9);
    for (const [i, row] of rows.entries()) {
      const { tail } = rendered[i] as { tail: string };
      expect(canonicalText(row.seq, tail)).toBe(
        JSON.stringify([
          row.seq,
          row.occurredAt.toISOString(),
          row.actorUserId,
          row.actorRole,
          row.actorAgencyId,
          row.actorCountryCode,
          row.action,
          row.subjectType,
          row.subjectId,
          row.caseId,
          row.fields,
          row.purpose,
          row.outcome,
          row.requestId,
        ]),
      );
      expect(entryHash(row.prevHash, row)).toBe(row.hash);
    }
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
  });

  it('verifies the chain through links without reading any entry by its columns, and still catches an edit', async () => {
    const asked: string[] = [];
    const entryAt = (seq: string) => (asked.push(seq), readChainEntry({ query: q }, seq));
    const read = (after: string, n: number) => readChainLinks({ query: q }, after, n);
    expect(await verifyChain(read, 4, { entryAt })).toMatchObject({ ok: true, checked: 9 });
    expect(asked).toEqual([]);

    await asTamperer(db.url, `UPDATE audit_entry SET purpose = 'rewritten' WHERE seq = 4`);
    expect(await verifyChain(read, 4, { entryAt })).toMatchObject({
      ok: false,
      checked: 3,
      firstBrokenSeq: '4',
      reason: 'hash mismatch',
    });
    expect(asked).toEqual(['4']);
  });
});
