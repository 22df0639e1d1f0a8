import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/role';
import { buildAbility } from '../src/authz/ability.factory';
import { CasePolicy } from '../src/cases/case.policy';
import { CasesRepository } from '../src/cases/cases.repository';
import { ChildMatchesRepository } from '../src/cases/intake/child-matches.repository';
import { addYears } from '../src/cases/child-age';
import { searchName } from '../src/cases/intake/search-name';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrate } from '../src/database/migrate';
import { PG_ADMIN_URL, adminQuery } from './bench-services';

/**
 * A million children and cases: duplicate-search and case-list latencies. Builds its own database
 * from the migrations, loads the rows with generate_series (Spanish names with accents, 20
 * agencies of 100 caseworkers), runs the same queries the API runs (ChildMatchesRepository,
 * CasesRepository.list with the case policy turned into SQL), prints the figures and the plan,
 * and drops the database.
 *
 *   npm run build && node dist/bench/cases-million.js [children=1000000] [searches=200]
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres (admin connection used to create it)
 */
const FIRST = [
  'José',
  'María',
  'Juan',
  'Ana',
  'Luis',
  'Carlos',
  'Sofía',
  'Valentina',
  'Camila',
  'Mateo',
  'Santiago',
  'Daniela',
  'Andrés',
  'Jesús',
  'Ángel',
  'Óscar',
  'Rubén',
  'Adrián',
  'Iván',
  'Martín',
  'Sebastián',
  'Nicolás',
  'Julián',
  'Tomás',
  'Joaquín',
  'Lucía',
  'Verónica',
  'Mónica',
  'Inés',
  'Raúl',
  'Víctor',
  'Héctor',
  'Ramón',
  'Germán',
  'Efraín',
  'Yésica',
  'Brenda',
  'Wendy',
  'Kevin',
  'Brayan',
  'Jefferson',
  'Dayana',
  'Yolanda',
  'Rosa',
  'Guadalupe',
  'Fernanda',
  'Gabriela',
  'Alejandra',
  'Marisol',
  'Elías',
  'Isaías',
  'Noé',
  'Moisés',
  'Josué',
  'Abigaíl',
  'Belén',
  'Ximena',
  'Nayeli',
  'Itzel',
  'Tecún',
];
const LAST = [
  'García',
  'Hernández',
  'López',
  'Pérez',
  'González',
  'Rodríguez',
  'Martínez',
  'Sánchez',
  'Ramírez',
  'Gómez',
  'Díaz',
  'Muñoz',
  'Álvarez',
  'Jiménez',
  'Ruiz',
  'Chávez',
  'Vásquez',
  'Méndez',
  'Castañeda',
  'Girón',
  'Ibáñez',
  'Núñez',
  'Peña',
  'Ordóñez',
  'Cifuentes',
  'Barrios',
  'Morales',
  'Orellana',
  'Alvarado',
  'Juárez',
  'Velásquez',
  'Monzón',
  'Solís',
  'Xol',
  'Caal',
  'Tzul',
  'Ajú',
  'Cux',
  'Quiej',
  'Tzoc',
  'Ixcoy',
  'Coc',
  'Choc',
  'Pop',
  'Tun',
  'Us',
  'Chén',
  'Mejía',
  'Zelaya',
  'Aguilar',
  'Reyes',
  'Flores',
  'Castillo',
  'Ortiz',
  'Rivera',
  'Cruz',
  'Escobar',
  'Portillo',
  'Rosales',
  'Bonilla',
  'Fuentes',
  'Guzmán',
  'Contreras',
  'Domínguez',
  'Estrada',
  'Figueroa',
  'Galdámez',
  'Herrera',
  'Lemus',
  'Maldonado',
  'Osorio',
  'Paz',
  'Quiñónez',
  'Recinos',
  'Salazar',
  'Tobar',
  'Urízar',
  'Villatoro',
  'Yat',
  'Zúñiga',
];

const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]::text[]`;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const out = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, out];
}

const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(1)} ms · p95 ${pct(xs, 95).toFixed(1)} ms · max ${Math.max(...xs).toFixed(1)} ms`;

/** Typing variations a second registration produces: no accents, other word order, typos, a name left out. */
function vary(first: string, last: string, k: number): { first: string; last: string } {
  const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
  const typo = (s: string) => {
    const i = 1 + Math.floor(Math.random() * Math.max(1, s.length - 2));
    return s.slice(0, i) + 'aeiourns'[Math.floor(Math.random() * 8)] + s.slice(i + 1);
  };
  const swap = (s: string) => {
    const i = 1 + Math.floor(Math.random() * Math.max(1, s.length - 3));
    return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  };
  switch (k % 4) {
    case 0: // surnames typed first, no accents
      return { first: plain(last), last: plain(first) };
    case 1: // one letter wrong
      return { first: plain(first), last: typo(last) };
    case 2: // two letters swapped, accents kept
      return { first: swap(first), last };
    default: // second given name left out
      return { first: first.split(' ')[0], last: plain(last) };
  }
}

async function main(): Promise<void> {
  const children = Number(process.argv[2] ?? 1_000_000);
  const searches = Number(process.argv[3] ?? 200);
  const name = `enlace_bench_cases_${randomBytes(4).toString('hex')}`;
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const ds = new DataSource({ ...dataSourceOptions(url.toString(), 4), migrations: [] });
  try {
    await migrate(url.toString(), 'run');
    await ds.initialize();
    const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);

    // Directory: 20 agencies, each with 100 caseworkers and 2 supervisors.
    const [load] = await timed(async () => {
      await q(`INSERT INTO agency (country_code, name, type, version)
               SELECT 'GT', 'Centro ' || a, 'reception_center', 1 FROM generate_series(1, 20) a`);
      await q(`INSERT INTO app_user (agency_id, role, email, full_name, password_hash, version)
               SELECT ag.id, CASE WHEN u <= 100 THEN 'caseworker' ELSE 'supervisor' END,
                      'u' || ag.rn || '-' || u || '@bench.example', 'Usuario ' || u, 'x', 1
                 FROM (SELECT id, row_number() OVER (ORDER BY id) rn FROM agency) ag, generate_series(1, 102) u`);
      // Build the trigram index once after the load rather than row by row.
      await q('DROP INDEX child_search_name_trgm_idx');
      await q('SET synchronous_commit = off');
      await q('SELECT setseed(0.42)');
      await q(
        `
        INSERT INTO child (first_names, last_names, date_of_birth, dob_estimated, sex, nationality, search_name, version)
        SELECT f, l, dob, false, sex, nat,
               array_to_string(ARRAY(SELECT w FROM unnest(string_to_array(lower(unaccent(f || ' ' || l)), ' ')) w
                                      ORDER BY w COLLATE "C"), ' '), 1
          FROM (SELECT fa[1 + floor(random() * cardinality(fa))::int]
                       || CASE WHEN random() < 0.6 THEN ' ' || fa[1 + floor(random() * cardinality(fa))::int] ELSE '' END AS f,
                       la[1 + floor(random() * cardinality(la))::int] || ' ' || la[1 + floor(random() * cardinality(la))::int] AS l,
                       date '2006-01-01' + floor(random() * 6570)::int AS dob,
                       CASE WHEN random() < 0.5 THEN 'female' ELSE 'male' END AS sex,
                       (ARRAY['GT','GT','GT','HN','HN','SV'])[1 + floor(random() * 6)::int] AS nat
                  FROM generate_series(1, $1) i, (SELECT ${sqlArray(FIRST)} fa, ${sqlArray(LAST)} la) v) g`,
        [children],
      );
      await q(`
        INSERT INTO case_file (case_number, country_code, agency_id, assigned_user_id, child_id, phase, status,
                               risk_level, returned_at, opened_at, legal_basis, protection_concerns, version)
        SELECT 'GT-' || (2020 + (c.i % 7)) || '-' || lpad(c.i::text, 7, '0'), 'GT', ag.id, cw.id, c.id,
               (ARRAY['registration','assessment','case_plan','implementation','follow_up','closed'])[1 + c.i % 6],
               CASE WHEN c.i % 6 = 5 THEN 'closed' ELSE 'open' END,
               (ARRAY['high','medium','low'])[1 + (c.i / 7) % 3],
               timestamptz '2020-01-01' + c.i * interval '3 minutes',
               timestamptz '2020-01-01' + c.i * interval '3 minutes' + interval '2 hours',
               'vital_interests', '{violence}', 1
          FROM (SELECT id, row_number() OVER () AS i FROM child) c
          JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM agency) ag ON ag.n = c.i % 20
          JOIN (SELECT id, agency_id, row_number() OVER (PARTITION BY agency_id ORDER BY id) - 1 AS n
                  FROM app_user WHERE role = 'caseworker') cw
            ON cw.agency_id = ag.id AND cw.n = (c.i / 20) % 100`);
      await q('CREATE INDEX child_search_name_trgm_idx ON child USING gin (search_name gin_trgm_ops)');
      await q('VACUUM ANALYZE child');
      await q('VACUUM ANALYZE case_file');
    });
    const [{ n: nChildren }] = await q('SELECT count(*)::int AS n FROM child');
    const [{ n: nCases }] = await q('SELECT count(*)::int AS n FROM case_file');
    console.log(`loaded ${nChildren} children and ${nCases} cases in ${(load / 1000).toFixed(1)} s`);

    // Duplicate search: variations of existing children, through the repository the API uses.
    const matches = new ChildMatchesRepository();
    const sample: {
      id: string;
      first_names: string;
      last_names: string;
      date_of_birth: string;
      nationality: string;
    }[] = await q(
      `SELECT id, first_names, last_names, date_of_birth::text, nationality FROM child TABLESAMPLE SYSTEM (1) LIMIT $1`,
      [searches],
    );
    const lat: number[] = [];
    let found = 0;
    let candidates = 0;
    for (const [k, ch] of sample.entries()) {
      const v = vary(ch.first_names, ch.last_names, k);
      // Half the searches know the date of birth (a few days off), half only an age.
      const dob = k % 2 ? ch.date_of_birth : addYears(ch.date_of_birth, k % 3 === 0 ? 1 : 0);
      const [ms, rows] = await timed(() =>
        ds.transaction((m) =>
          matches.search(m, {
            searchName: searchName(v.first, v.last),
            nationality: ch.nationality,
            dob,
            dobFrom: addYears(dob, -1),
            dobTo: addYears(dob, 1),
            limit: 10,
          }),
        ),
      );
      lat.push(ms);
      candidates += rows.length;
      if (rows.some((r) => r.child_id === ch.id)) found++;
    }
    console.log(`duplicate search (${sample.length} searches with typos / word order / missing names):`);
    console.log(
      `  ${fmt(lat)} · original found in top 10: ${((100 * found) / sample.length).toFixed(1)}% · candidates per search: ${(candidates / sample.length).toFixed(1)}`,
    );
    const plan: { 'QUERY PLAN': string }[] = await ds.transaction(async (m) => {
      await m.query(`SELECT set_config('pg_trgm.similarity_threshold', '0.45', true)`);
      return m.query(
        `EXPLAIN SELECT id FROM child WHERE search_name % $1 AND nationality = 'GT'
           AND date_of_birth BETWEEN '2009-01-01' AND '2011-01-01'`,
        [searchName('Jose Maria', 'Perez Lopez')],
      );
    });
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    console.log(
      `  plan uses child_search_name_trgm_idx: ${text.includes('child_search_name_trgm_idx') ? 'yes' : 'NO'}; seq scan: ${/Seq Scan on child/.test(text) ? 'YES' : 'no'}`,
    );
    console.log(
      text
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
    );

    // Case lists: the caller's policy as SQL, keyset pages.
    const repo = new CasesRepository();
    const [cwRow] = await q(
      `SELECT id, agency_id FROM app_user WHERE role = 'caseworker' ORDER BY id LIMIT 1`,
    );
    const [supRow] = await q(
      `SELECT id, agency_id FROM app_user WHERE role = 'supervisor' ORDER BY id LIMIT 1`,
    );
    const actor = (role: Role, row: { id: string; agency_id: string }): Actor => ({
      userId: row.id,
      role,
      agencyId: row.agency_id,
      countryCode: 'GT',
      language: 'es',
    });
    const now = new Date('2026-06-01T00:00:00Z');
    const runs = 50;
    for (const [label, a] of [
      ['caseworker (own cases)', actor(Role.Caseworker, cwRow)],
      ['supervisor (agency: 1/20 of the cases)', actor(Role.Supervisor, supRow)],
      ['lead-unit officer (whole country, operational fields)', actor(Role.LeadUnitOfficer, supRow)],
    ] as const) {
      const ability = buildAbility(a, [new CasePolicy()]);
      // A cursor deep in the list (found once with OFFSET, not timed): what page N's nextCursor would be.
      const scope =
        a.role === Role.Caseworker
          ? ['assigned_user_id = $1', a.userId]
          : a.role === Role.Supervisor
            ? ['agency_id = $1', a.agencyId]
            : ['country_code = $1', a.countryCode];
      const [{ n: inScope }] = await q(`SELECT count(*)::int AS n FROM case_file WHERE ${scope[0]}`, [
        scope[1],
      ]);
      const deepOffset = Math.floor(inScope * 0.9);
      const [last] = await q(
        `SELECT opened_at AS "openedAt", id FROM case_file WHERE ${scope[0]}
          ORDER BY opened_at DESC, id DESC OFFSET ${deepOffset} LIMIT 1`,
        [scope[1]],
      );
      const first: number[] = [];
      const deepLat: number[] = [];
      const overdue: number[] = [];
      for (let i = 0; i < runs; i++) {
        first.push((await timed(() => repo.list(ds.manager, ability, { limit: 25 }, now)))[0]);
        deepLat.push(
          (
            await timed(() =>
              repo.list(
                ds.manager,
                ability,
                { limit: 25, after: { openedAt: last.openedAt, id: last.id } },
                now,
              ),
            )
          )[0],
        );
        overdue.push(
          (
            await timed(() =>
              repo.list(ds.manager, ability, { limit: 25, riskLevel: 'high', phase: 'assessment' }, now),
            )
          )[0],
        );
      }
      console.log(`case list, ${label}, ${inScope} cases:`);
      console.log(`  first page          ${fmt(first)}`);
      console.log(`  page after row ${deepOffset} (keyset) ${fmt(deepLat)}`);
      console.log(`  filtered (high risk, assessment phase) ${fmt(overdue)}`);
    }
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
