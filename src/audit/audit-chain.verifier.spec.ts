import { entryHash, GENESIS_HASH, HashedFields } from '../audit-trail/audit-hash';
import { ChainLink, ChainRow, describeVerdict, verifyChain } from './audit-chain.verifier';

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
function reader(rows: (ChainRow | ChainLink)[]) {
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

/** The chain as the fast reader returns it: each entry's canonical text instead of its columns. */
function links(rows: ChainRow[]): ChainLink[] {
  return rows.map((r) => ({
    seq: r.seq,
    prevHash: r.prevHash,
    hash: r.hash,
    canonical: JSON.stringify([
      r.seq,
      r.occurredAt.toISOString(),
      r.actorUserId,
      r.actorRole,
      r.actorAgencyId,
      r.actorCountryCode,
      r.action,
      r.subjectType,
      r.subjectId,
      r.caseId,
      r.fields,
      r.purpose,
      r.outcome,
      r.requestId,
    ]),
  }));
}

describe('verifyChain over links rendered by the database', () => {
  const byColumns = (rows: ChainRow[]) => {
    const asked: string[] = [];
    const entryAt = (seq: string) => {
      asked.push(seq);
      return Promise.resolve(rows.find((r) => r.seq === seq));
    };
    return { entryAt, asked };
  };

  it('accepts an intact chain without reading any entry by its columns', async () => {
    const rows = chain(23);
    const cols = byColumns(rows);
    const v = await verifyChain(reader(links(rows)).read, 5, { entryAt: cols.entryAt });
    expect(v).toMatchObject({ ok: true, checked: 23, headHash: rows[22].hash });
    expect(cols.asked).toEqual([]);
  });

  it('lets the columns decide when the rendering differs but the entry is intact', async () => {
    const rows = chain(6);
    const l = links(rows);
    l[3] = { ...l[3], canonical: `${l[3].canonical} ` }; // a rendering that is not byte-identical
    const cols = byColumns(rows);
    expect(await verifyChain(reader(l).read, 4, { entryAt: cols.entryAt })).toMatchObject({
      ok: true,
      checked: 6,
    });
    expect(cols.asked).toEqual(['4']);
  });

  it('names an edited entry as a hash mismatch through its columns too', async () => {
    const rows = chain(6);
    rows[3] = { ...rows[3], outcome: 'denied' };
    const cols = byColumns(rows);
    expect(await verifyChain(reader(links(rows)).read, 4, { entryAt: cols.entryAt })).toMatchObject({
      ok: false,
      checked: 3,
      firstBrokenSeq: '4',
      reason: 'hash mismatch',
    });
    expect(cols.asked).toEqual(['4']);
  });

  it('counts a link that does not match as a mismatch when no column reader is given', async () => {
    const rows = chain(3);
    const l = links(rows);
    l[1] = { ...l[1], canonical: l[1].canonical.replace('case.read', 'case.list') };
    expect(await verifyChain(reader(l).read)).toMatchObject({
      firstBrokenSeq: '2',
      reason: 'hash mismatch',
    });
  });
});
