import { createHash } from 'node:crypto';
import { entryHash, GENESIS_HASH, HashedFields } from './audit-hash';

const entry: HashedFields = {
  seq: '42',
  occurredAt: new Date('2026-11-29T10:11:12.345Z'),
  actorUserId: '6f1c1d3e-2b7a-4c55-9d0e-0a1b2c3d4e5f',
  actorRole: 'caseworker',
  actorAgencyId: null,
  actorCountryCode: 'GT',
  action: 'case.read',
  subjectType: 'Case',
  subjectId: 'b7e3a1f0-1111-4222-8333-944455566677',
  caseId: 'b7e3a1f0-1111-4222-8333-944455566677',
  fields: ['operational', 'identifying'],
  purpose: null,
  outcome: 'allowed',
  requestId: 'req-1',
};

// Computed with the implementation this one replaced (createHash, two updates).
const FIXED = '46bcb87f25a5c5ff47a025128dcc1fe948aa2619d6473b5ba91d9c8d6baf0f95';

describe('entryHash', () => {
  it('hashes the same bytes as the chains sealed before it (prev hash, then the JSON array)', () => {
    const json = JSON.stringify([
      '42',
      '2026-11-29T10:11:12.345Z',
      entry.actorUserId,
      'caseworker',
      null,
      'GT',
      'case.read',
      'Case',
      entry.subjectId,
      entry.caseId,
      ['operational', 'identifying'],
      null,
      'allowed',
      'req-1',
    ]);
    const before = createHash('sha256').update(GENESIS_HASH).update(json).digest('hex');
    expect(entryHash(GENESIS_HASH, entry)).toBe(before);
    // A stored vector: any change of the encoding fails here, not only in the e2e tamper tests.
    expect(before).toBe(FIXED);
  });

  it('takes the position apart from the row (the sequencer) with the same result', () => {
    const { seq, ...row } = entry;
    expect(entryHash(GENESIS_HASH, row, seq)).toBe(entryHash(GENESIS_HASH, entry));
    expect(entryHash(GENESIS_HASH, row, '43')).not.toBe(entryHash(GENESIS_HASH, entry));
  });

  it('changes with any field and with the previous hash', () => {
    const base = entryHash(GENESIS_HASH, entry);
    expect(entryHash(GENESIS_HASH, { ...entry, fields: ['operational'] })).not.toBe(base);
    expect(entryHash(GENESIS_HASH, { ...entry, requestId: null })).not.toBe(base);
    expect(entryHash('1'.repeat(64), entry)).not.toBe(base);
  });
});
