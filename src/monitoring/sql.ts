import type { EntityManager } from 'typeorm';
import type { SqlPart } from './metric.types';

/** Runs SQL written with `:named` parameters (the form the policy interpreter produces). */
export function query<T = Record<string, any>>(
  manager: EntityManager,
  sql: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const [q, p] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return manager.query(q, p);
}

/** ANDs SQL parts, merging their parameters. */
export function and(...parts: (SqlPart | null | undefined)[]): SqlPart {
  const present = parts.filter((p): p is SqlPart => !!p && !!p.sql);
  return {
    sql: present.length ? present.map((p) => `(${p.sql})`).join(' AND ') : 'TRUE',
    params: Object.assign({}, ...present.map((p) => p.params)),
  };
}

/** `col >= :from AND col < :to` for the ends that are set. */
export function period(column: string, from: Date | null, to: Date | null, tag = 'p'): SqlPart {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (from) {
    parts.push(`${column} >= :${tag}_from`);
    params[`${tag}_from`] = from;
  }
  if (to) {
    parts.push(`${column} < :${tag}_to`);
    params[`${tag}_to`] = to;
  }
  return { sql: parts.join(' AND '), params };
}

/** Age band of a child from the date of birth at `now` (operational; never the date itself). */
export const AGE_BAND_SQL = (dob: string) => `CASE
  WHEN ${dob} IS NULL THEN 'unknown'
  WHEN date_part('year', age(CAST(:now AS timestamptz), ${dob}::timestamptz)) < 6 THEN '0-5'
  WHEN date_part('year', age(CAST(:now AS timestamptz), ${dob}::timestamptz)) < 12 THEN '6-11'
  WHEN date_part('year', age(CAST(:now AS timestamptz), ${dob}::timestamptz)) < 15 THEN '12-14'
  WHEN date_part('year', age(CAST(:now AS timestamptz), ${dob}::timestamptz)) < 18 THEN '15-17'
  ELSE '18+' END`;

/** Is the instant the first moment of a UTC month (or absent)? Rolled-up counts are per month. */
export function monthAligned(d: Date | null): boolean {
  return (
    !d ||
    (d.getUTCDate() === 1 &&
      d.getUTCHours() === 0 &&
      d.getUTCMinutes() === 0 &&
      d.getUTCSeconds() === 0 &&
      d.getUTCMilliseconds() === 0)
  );
}

/** A UTC month column (`date`) as the instant it starts, to compare with period bounds. */
export const monthStart = (column: string) => `(${column}::timestamp AT TIME ZONE 'UTC')`;
