import { entryHash, GENESIS_HASH, HashedFields } from '../audit-trail/audit-hash';
import { ChainRow, describeVerdict, verifyChain } from './audit-chain.verifier';

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e: HashedFields = {
      seq: String(i),
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorUserId: null,
      actorRole: 'caseworker',
      actorAgencyId: null,
      actorCountryCode: i % 2 ? 'GT' : null,
      action: 'case.read',
      subjectType: 'Case',
      subjectId: `c${i}`,
      caseId: null,
      fields: ['operational'],
      purpose: null,
      outcome: 'allowed',
      requestId: `r${i}`,
    };
    const hash = entryHash(prev, e);
    rows.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

/** A reader over an array that, like the SQL one, answers keyset batches and counts its calls. */
function reader(rows: ChainRow[]) {
  const calls: number[] = [];
  const read = (after: string, limit: number) => {
    calls.push(limit);
    return Promise.resolve(rows.filter((r) => BigInt(r.seq) > BigInt(after)).slice(0, limit));
  };
  return { read, calls };
}

describe('verifyChain', () => {
  it('accepts an intact chain read in several batches and reports its head', async () => {
    const rows = chain(25);
    const { read, calls } = reader(rows);
    const v = await verifyChain(read, 10);
    expect(v).toEqual({ ok: true, checked: 25, headSeq: '25', headHash: rows[24].hash });
    expect(calls).toHaveLength(3);
    expect(describeVerdict(v)).toBe('audit chain OK: 25 entries');
  });

  it('accepts an empty chain', async () => {
    expect(await verifyChain(reader([]).read)).toMatchObject({ ok: true, checked: 0 });
  });

  it('names an edited entry as a hash mismatch', async () => {
    const rows = chain(12);
    rows[6] = { ...rows[6], fields: ['sensitive'] };
    const v = await verifyChain(reader(rows).read, 5);
    expect(v).toMatchObject({
      ok: false,
      checked: 6,
      firstBrokenSeq: '7',
      reason: 'hash mismatch',
      headSeq: '6',
    });
    expect(describeVerdict(v)).toBe('first broken link at seq 7: hash mismatch');
  });

  it('names an edited entry whose hash was recomputed by the next link', async () => {
    const rows = chain(12);
    const edited = { ...rows[6], actorCountryCode: 'MX' };
    rows[6] = { ...edited, hash: entryHash(edited.prevHash, edited) };
    expect(await verifyChain(reader(rows).read)).toMatchObject({
      firstBrokenSeq: '8',
      reason: 'prev_hash mismatch',
    });
  });

  it('names a removed entry as a gap at the next one', async () => {
    const rows = chain(12);
    rows.splice(4, 1);
    expect(await verifyChain(reader(rows).read, 4)).toMatchObject({ firstBrokenSeq: '6', reason: 'gap' });
  });

  it('names a chain that does not start at seq 1 as a gap', async () => {
    expect(await verifyChain(reader(chain(3).slice(1)).read)).toMatchObject({
      firstBrokenSeq: '2',
      reason: 'gap',
    });
  });

  it('names a rewritten prev_hash', async () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], prevHash: 'f'.repeat(64) };
    expect(await verifyChain(reader(rows).read)).toMatchObject({
      firstBrokenSeq: '3',
      reason: 'prev_hash mismatch',
    });
  });
});
