import { newAbilityBuilder } from './ability';
import { abilityToSql } from './casl-sql';

const cols = {
  agencyId: 'c.agency_id',
  status: 'c.status',
  score: 'c.score',
  'agency.countryCode': 'a.country_code',
};

function sqlOf(define: (b: ReturnType<typeof newAbilityBuilder>) => void) {
  const b = newAbilityBuilder();
  define(b);
  return abilityToSql(b.build(), 'read', 'Case', cols);
}

describe('abilityToSql', () => {
  it('is FALSE when nothing is allowed and TRUE for an unconditional rule', () => {
    expect(sqlOf(() => undefined).sql).toBe('FALSE');
    expect(sqlOf(({ can }) => can('read', 'Other')).sql).toBe('FALSE');
    expect(sqlOf(({ can }) => can('read', 'Case')).sql).toBe('TRUE');
  });

  it('names alias-prefixed columns and binds values as parameters', () => {
    const { sql, params } = sqlOf(({ can }) =>
      can('read', 'Case', { agencyId: 'ag-1', 'agency.countryCode': 'GT' }),
    );
    expect(sql).toContain('c.agency_id = :casl_');
    expect(sql).toContain('a.country_code = :casl_');
    expect(Object.values(params).sort()).toEqual(['GT', 'ag-1']);
    expect(sql).not.toContain('ag-1');
  });

  it('keeps NULL columns two-valued so a cannot rule does not drop them', () => {
    const { sql } = sqlOf(({ can, cannot }) => {
      can('read', 'Case');
      cannot('read', 'Case', { status: 'closed' });
    });
    expect(sql).toMatch(/NOT \(\(c\.status IS NOT NULL AND c\.status = :casl_\d+\)\)/);
  });

  it('translates null membership and emptiness explicitly', () => {
    expect(sqlOf(({ can }) => can('read', 'Case', { status: { $in: [] } })).sql).toBe('FALSE');
    expect(sqlOf(({ can }) => can('read', 'Case', { status: { $in: ['open', null] } })).sql).toMatch(
      /c\.status IN \(:\.\.\.casl_\d+\)\) OR c\.status IS NULL/,
    );
    expect(sqlOf(({ can }) => can('read', 'Case', { status: null })).sql).toBe('c.status IS NULL');
    expect(sqlOf(({ can }) => can('read', 'Case', { status: { $ne: null } })).sql).toBe(
      'NOT c.status IS NULL',
    );
  });

  it('compares strings in code-unit order', () => {
    expect(sqlOf(({ can }) => can('read', 'Case', { status: { $gt: 'b' } })).sql).toContain(
      'c.status COLLATE "C" >',
    );
    expect(sqlOf(({ can }) => can('read', 'Case', { score: { $gt: 3 } })).sql).not.toContain('COLLATE');
  });

  it('fails closed on a field without a column', () => {
    expect(() => sqlOf(({ can }) => can('read', 'Case', { assignedUserId: 'u' }))).toThrow(
      'No column mapped for policy field "assignedUserId"',
    );
  });

  it('refuses operators with no faithful SQL form', () => {
    expect(() => sqlOf(({ can }) => can('read', 'Case', { status: { $exists: true } }))).toThrow(
      /not supported/,
    );
    expect(() => sqlOf(({ can }) => can('read', 'Case', { status: { $regex: '^o' } }))).toThrow(
      /not supported/,
    );
  });
});
