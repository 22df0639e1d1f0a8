import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AppAbility, AppAbilityBuilder, asSubject, newAbilityBuilder } from '../../src/authz/ability';
import { applyAbility, ColumnMap } from '../../src/authz/casl-sql';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createTestDatabase } from '../harness/test-db';

/**
 * The list-query helper must return exactly the rows `ability.can()` allows: compared row by row
 * on generated data (nullable columns, joins, mixed-case text, dates) for hand-written and
 * randomly generated rule sets.
 */

// A small deterministic generator, so a failure can be replayed from its seed.
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const some = <T>(xs: readonly T[], max = 3): T[] => [
    ...new Set(Array.from({ length: 1 + int(max) }, () => pick(xs))),
  ];
  return { next, int, pick, some, chance: (p: number) => next() < p };
}

const uuid = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;
const AGENCIES = Array.from({ length: 8 }, (_, i) => uuid('aaaaaaaa', i));
const USERS = Array.from({ length: 12 }, (_, i) => uuid('bbbbbbbb', i));
const COUNTRIES = ['GT', 'HN', 'SV', 'MX'];
const AGENCY_TYPES = ['reception_center', 'health', 'ngo'];
const STATUSES = ['open', 'closed', 'transferred'];
const RISKS = ['high', 'medium', 'low'];
const LABELS = ['alpha', 'Beta', 'beta', 'Zeta', 'gamma', 'Ñandú', 'delta'];
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const ROWS = 3000;

const COLUMNS: ColumnMap = {
  agencyId: 'p.agency_id',
  assignedUserId: 'p.assigned_user_id',
  countryCode: 'p.country_code',
  status: 'p.status',
  riskLevel: 'p.risk_level',
  score: 'p.score',
  openedAt: 'p.opened_at',
  closedAt: 'p.closed_at',
  label: 'p.label',
  'agency.countryCode': 'ag.country_code',
  'agency.type': 'ag.type',
};

interface Row {
  id: number;
  agencyId: string;
  assignedUserId: string | null;
  countryCode: string;
  status: string;
  riskLevel: string | null;
  score: number | null;
  openedAt: Date;
  closedAt: Date | null;
  label: string | null;
  agency: { countryCode: string; type: string };
}

interface GenActor {
  userId: string;
  agencyId: string;
  countryCode: string;
}

describe('applyAbility is equivalent to ability.can() row by row', () => {
  let drop: () => Promise<void>;
  let ds: DataSource;
  let rows: Row[];
  let subjects: { id: number; subject: Row }[];

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    ds = new DataSource({ ...dataSourceOptions(db.url, 2), entities: [], migrations: [] });
    await ds.initialize();
    await ds.query(
      `CREATE TABLE probe_agency (id uuid PRIMARY KEY, country_code char(2) NOT NULL, type text NOT NULL)`,
    );
    await ds.query(`CREATE TABLE probe (
      id int PRIMARY KEY, agency_id uuid NOT NULL REFERENCES probe_agency(id), assigned_user_id uuid,
      country_code char(2) NOT NULL, status text NOT NULL, risk_level text, score int,
      opened_at timestamptz NOT NULL, closed_at timestamptz, label text)`);
    const r = rng(20260101);
    for (const [i, id] of AGENCIES.entries())
      await ds.query(`INSERT INTO probe_agency VALUES ($1, $2, $3)`, [
        id,
        COUNTRIES[i % 4],
        r.pick(AGENCY_TYPES),
      ]);
    const values: unknown[][] = [];
    for (let id = 1; id <= ROWS; id++) {
      const opened = new Date(T0 + r.int(365) * DAY + r.int(DAY));
      values.push([
        id,
        r.pick(AGENCIES),
        r.chance(0.3) ? null : r.pick(USERS),
        r.pick(COUNTRIES),
        r.pick(STATUSES),
        r.chance(0.15) ? null : r.pick(RISKS),
        r.chance(0.2) ? null : r.int(10),
        opened,
        r.chance(0.5) ? null : new Date(opened.getTime() + r.int(90) * DAY),
        r.chance(0.2) ? null : r.pick(LABELS),
      ]);
    }
    for (let i = 0; i < values.length; i += 500) {
      const chunk = values.slice(i, i + 500);
      const placeholders = chunk.map(
        (_, j) => `(${Array.from({ length: 10 }, (__, k) => `$${j * 10 + k + 1}`).join(',')})`,
      );
      await ds.query(`INSERT INTO probe VALUES ${placeholders.join(',')}`, chunk.flat());
    }
    // Read back through the driver, so JS sees exactly the types the list query compares.
    const raw = (await ds.query(`SELECT p.*, ag.country_code AS ag_country, ag.type AS ag_type
      FROM probe p JOIN probe_agency ag ON ag.id = p.agency_id ORDER BY p.id`)) as Record<string, any>[];
    rows = raw.map((x) => ({
      id: x.id,
      agencyId: x.agency_id,
      assignedUserId: x.assigned_user_id,
      countryCode: x.country_code,
      status: x.status,
      riskLevel: x.risk_level,
      score: x.score,
      openedAt: x.opened_at,
      closedAt: x.closed_at,
      label: x.label,
      agency: { countryCode: x.ag_country, type: x.ag_type },
    }));
    subjects = rows.map((row) => ({ id: row.id, subject: asSubject('Probe', row) }));
  });

  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  const base = (): SelectQueryBuilder<any> =>
    ds
      .createQueryBuilder()
      .select('p.id', 'id')
      .from('probe', 'p')
      .innerJoin('probe_agency', 'ag', 'ag.id = p.agency_id');

  async function sqlIds(qb: SelectQueryBuilder<any>): Promise<number[]> {
    const out = (await qb.orderBy('p.id').getRawMany()) as { id: number }[];
    return out.map((x) => x.id);
  }

  function canIds(ability: AppAbility, action = 'read', filter: (r: Row) => boolean = () => true): number[] {
    return subjects.filter((s) => filter(s.subject) && ability.can(action, s.subject)).map((s) => s.id);
  }

  function build(define: (b: AppAbilityBuilder) => void): AppAbility {
    const b = newAbilityBuilder();
    define(b);
    return b.build();
  }

  async function expectEquivalent(ability: AppAbility, label: string, action = 'read') {
    const expected = canIds(ability, action);
    const actual = await sqlIds(applyAbility(base(), ability, action, 'Probe', COLUMNS));
    if (actual.join() !== expected.join())
      throw new Error(
        `${label}: SQL returned ${actual.length} rows, can() allows ${expected.length}; rules ${JSON.stringify(
          ability.rules,
        )}`,
      );
    return expected.length;
  }

  const actors: GenActor[] = Array.from({ length: 5 }, (_, i) => ({
    userId: USERS[i],
    agencyId: AGENCIES[i],
    countryCode: COUNTRIES[i % 4],
  }));

  /** Role-like rule sets of the kinds modules write. */
  const named: [string, (a: GenActor, b: AppAbilityBuilder) => void][] = [
    ['own agency', (a, { can }) => can('read', 'Probe', { agencyId: a.agencyId })],
    ['assigned to me', (a, { can }) => can('read', 'Probe', { assignedUserId: a.userId })],
    [
      'agency OR assigned, not closed',
      (a, { can, cannot }) => {
        can('read', 'Probe', { agencyId: a.agencyId });
        can('read', 'Probe', { assignedUserId: a.userId });
        cannot('read', 'Probe', { status: 'closed' });
      },
    ],
    [
      'country, high risk excluded unless mine',
      (a, { can, cannot }) => {
        can('read', 'Probe', { countryCode: a.countryCode });
        cannot('read', 'Probe', { riskLevel: 'high' });
        can('read', 'Probe', { assignedUserId: a.userId }); // later rule wins over the cannot
      },
    ],
    [
      'unassigned in my agency, ne and in',
      (a, { can }) => {
        can('read', 'Probe', { assignedUserId: null, agencyId: a.agencyId });
        can('read', 'Probe', { riskLevel: { $ne: 'low' }, status: { $in: ['open', 'transferred'] } });
      },
    ],
    [
      'nin with null, score range',
      (_a, { can }) =>
        can('read', 'Probe', { riskLevel: { $nin: ['high', null] }, score: { $gt: 2, $lte: 7 } }),
    ],
    [
      'in with null, lt on a nullable score',
      (_a, { can }) => can('read', 'Probe', { riskLevel: { $in: ['low', null] }, score: { $lt: 4 } }),
    ],
    [
      'dates',
      (_a, { can, cannot }) => {
        can('read', 'Probe', { openedAt: { $gte: new Date(T0 + 100 * DAY), $lt: new Date(T0 + 200 * DAY) } });
        cannot('read', 'Probe', { closedAt: { $lt: new Date(T0 + 150 * DAY) } });
      },
    ],
    [
      'closed only and not null',
      (_a, { can }) => can('read', 'Probe', { closedAt: { $ne: null }, label: { $gte: 'Zeta' } }),
    ],
    [
      'joined agency columns',
      (a, { can, cannot }) => {
        can('read', 'Probe', { 'agency.countryCode': a.countryCode });
        cannot('read', 'Probe', { 'agency.type': 'health' });
      },
    ],
    [
      'unconditional can with field-restricted and conditional cannots',
      (_a, { can, cannot }) => {
        can('read', 'Probe');
        cannot('read', 'Probe', { label: { $lt: 'beta' } });
        cannot('read', 'Probe', ['score'], { status: 'open' }); // a field rule: rows stay visible
      },
    ],
    [
      'unconditional cannot stops lower rules',
      (a, { can, cannot }) => {
        can('read', 'Probe', { agencyId: a.agencyId });
        cannot('read', 'Probe');
        can('read', 'Probe', { assignedUserId: a.userId });
      },
    ],
    [
      'field-restricted can still grants the row',
      (a, { can }) => can('read', 'Probe', ['status', 'riskLevel'], { countryCode: a.countryCode }),
    ],
    ['nothing for this action', (_a, { can }) => can('update', 'Probe')],
    ['another subject only', (_a, { can }) => can('read', 'Other')],
  ];

  it('holds for role-like rule sets and several actors', async () => {
    let nonEmpty = 0;
    for (const a of actors)
      for (const [name, define] of named) {
        const n = await expectEquivalent(
          build((b) => define(a, b)),
          `${name} (${a.userId})`,
        );
        if (n > 0 && n < ROWS) nonEmpty++;
      }
    expect(nonEmpty).toBeGreaterThan(40); // the rule sets are selective, not trivially all or nothing
  });

  it('holds for 300 randomly generated rule sets', async () => {
    const r = rng(7);
    const leaf = (a: GenActor): Record<string, unknown> => {
      const field = r.pick(Object.keys(COLUMNS));
      const valueOf = (): unknown => {
        switch (field) {
          case 'agencyId':
            return r.chance(0.5) ? a.agencyId : r.pick(AGENCIES);
          case 'assignedUserId':
            return r.chance(0.2) ? null : r.chance(0.5) ? a.userId : r.pick(USERS);
          case 'countryCode':
          case 'agency.countryCode':
            return r.pick(COUNTRIES);
          case 'agency.type':
            return r.pick(AGENCY_TYPES);
          case 'status':
            return r.pick(STATUSES);
          case 'riskLevel':
            return r.chance(0.2) ? null : r.pick(RISKS);
          case 'score':
            return r.chance(0.15) ? null : r.int(10);
          case 'label':
            return r.chance(0.15) ? null : r.pick(LABELS);
          default:
            return r.chance(0.15) && field === 'closedAt' ? null : new Date(T0 + r.int(400) * DAY);
        }
      };
      const ordered = ['score', 'label', 'status', 'openedAt', 'closedAt'].includes(field);
      const op = r.pick(
        ordered ? ['eq', 'ne', 'in', 'nin', 'lt', 'lte', 'gt', 'gte'] : ['eq', 'ne', 'in', 'nin'],
      );
      if (op === 'eq') return { [field]: valueOf() };
      if (op === 'in' || op === 'nin')
        return { [field]: { [`$${op}`]: Array.from({ length: r.int(4) }, valueOf) } };
      let v = valueOf();
      while (v === null && op !== 'ne') v = valueOf();
      return { [field]: { [`$${op}`]: v } };
    };
    const conditions = (a: GenActor) =>
      Object.assign({}, ...Array.from({ length: 1 + r.int(2) }, () => leaf(a)));
    let selective = 0;
    for (let i = 0; i < 300; i++) {
      const a = r.pick(actors);
      const ability = build(({ can, cannot }) => {
        for (let k = 0, n = 1 + r.int(5); k < n; k++) {
          const inverted = r.chance(0.35);
          const action = r.chance(0.9) ? 'read' : 'update';
          const fields = r.chance(0.15) ? ['status', 'score'] : undefined;
          const cond = r.chance(0.85) ? conditions(a) : undefined;
          const rule = inverted ? cannot : can;
          if (fields && cond) rule(action, 'Probe', fields, cond);
          else if (fields) rule(action, 'Probe', fields);
          else if (cond) rule(action, 'Probe', cond);
          else rule(action, 'Probe');
        }
      });
      const n = await expectEquivalent(ability, `random set ${i}`);
      if (n > 0 && n < ROWS) selective++;
    }
    expect(selective).toBeGreaterThan(100);
  });

  it('composes with other where clauses, including an OR written before it', async () => {
    const a = actors[0];
    const ability = build(({ can, cannot }) => {
      can('read', 'Probe', { agencyId: a.agencyId });
      can('read', 'Probe', { countryCode: 'MX' });
      cannot('read', 'Probe', { riskLevel: 'high' });
    });
    const anded = applyAbility(
      base().where('p.score >= :min', { min: 5 }).andWhere('p.label IS NOT NULL'),
      ability,
      'read',
      'Probe',
      COLUMNS,
    );
    expect(await sqlIds(anded)).toEqual(
      canIds(ability, 'read', (r) => r.score !== null && r.score >= 5 && !!r.label),
    );

    const ored = applyAbility(
      base().where('p.status = :s1', { s1: 'open' }).orWhere('p.status = :s2', { s2: 'transferred' }),
      ability,
      'read',
      'Probe',
      COLUMNS,
    );
    const expected = canIds(ability, 'read', (r) => r.status !== 'closed');
    expect(expected.length).toBeGreaterThan(0);
    expect(await sqlIds(ored)).toEqual(expected);
    // A later andWhere still narrows inside the permitted rows.
    expect(await sqlIds(ored.andWhere('p.score = :sc', { sc: 3 }))).toEqual(
      canIds(ability, 'read', (r) => r.status !== 'closed' && r.score === 3),
    );
  });

  it('works with other aliases and joined tables (alias prefixes come from the column map)', async () => {
    const ability = build(({ can }) => can('read', 'Probe', { 'agency.countryCode': 'GT', status: 'open' }));
    const qb = ds
      .createQueryBuilder()
      .select('x.id', 'id')
      .from('probe', 'x')
      .leftJoin('probe_agency', 'owner', 'owner.id = x.agency_id')
      .leftJoin('probe', 'p', 'p.id = x.id'); // a second alias named like the first query's
    applyAbility(qb, ability, 'read', 'Probe', {
      'agency.countryCode': 'owner.country_code',
      status: 'x.status',
    });
    const ids = ((await qb.orderBy('x.id').getRawMany()) as { id: number }[]).map((x) => x.id);
    expect(ids).toEqual(canIds(ability));
  });

  it('fails closed on a policy field the query did not map', async () => {
    const ability = build(({ can }) => can('read', 'Probe', { assignedUserId: USERS[0] }));
    const { assignedUserId: _omitted, ...partial } = COLUMNS;
    expect(() => applyAbility(base(), ability, 'read', 'Probe', partial)).toThrow(
      'No column mapped for policy field "assignedUserId"',
    );
  });

  it('returns no rows when the ability forbids the action', async () => {
    const ability = build(({ can }) => can('read', 'Other'));
    expect(await sqlIds(applyAbility(base(), ability, 'read', 'Probe', COLUMNS))).toEqual([]);
  });
});
