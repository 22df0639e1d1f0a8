import { rulesToAST } from '@casl/ability/extra';
import type { Condition, CompoundCondition, FieldCondition } from '@ucast/mongo2js';
import { Brackets, ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import type { Action, AppAbility, SubjectName } from './ability';

/**
 * Maps each field that a policy condition may name to an SQL expression on the query's aliases,
 * e.g. `{ agencyId: 'c.agency_id', 'agency.countryCode': 'a.country_code' }`. A condition on a
 * field missing from the map is an error (fail closed), never silently ignored.
 *
 * Policy conditions translated to SQL must name scalar columns (not arrays or JSON) and use
 * eq, ne, in, nin, lt, lte, gt, gte, and/or/not; anything else throws.
 */
export type ColumnMap = Record<string, string>;

let paramSeq = 0;

interface Sql {
  sql: string;
  params: Record<string, unknown>;
}

const TRUE: Sql = { sql: 'TRUE', params: {} };
const FALSE: Sql = { sql: 'FALSE', params: {} };

function param(): string {
  paramSeq = (paramSeq + 1) % Number.MAX_SAFE_INTEGER;
  return `casl_${paramSeq}`;
}

function scalar(field: string, v: unknown): void {
  if (v !== null && typeof v === 'object' && !(v instanceof Date))
    throw new Error(`Policy condition on "${field}" compares with a non-scalar value`);
}

/**
 * Every leaf is two-valued (never SQL NULL), so `NOT (...)` from a `cannot` rule keeps the rows
 * whose column is NULL exactly as `ability.can()` does.
 */
function eq(column: string, field: string, v: unknown): Sql {
  scalar(field, v);
  if (v === null || v === undefined) return { sql: `${column} IS NULL`, params: {} };
  const p = param();
  return { sql: `(${column} IS NOT NULL AND ${column} = :${p})`, params: { [p]: v } };
}

function within(column: string, field: string, values: unknown): Sql {
  if (!Array.isArray(values)) throw new Error(`Policy condition $in on "${field}" needs an array`);
  values.forEach((v) => scalar(field, v));
  const present = values.filter((v) => v !== null && v !== undefined);
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (present.length) {
    const p = param();
    parts.push(`(${column} IS NOT NULL AND ${column} IN (:...${p}))`);
    params[p] = present;
  }
  if (present.length < values.length) parts.push(`${column} IS NULL`);
  if (!parts.length) return FALSE;
  return { sql: parts.length > 1 ? `(${parts.join(' OR ')})` : parts[0], params };
}

function not(s: Sql): Sql {
  return { sql: `NOT ${s.sql}`, params: s.params };
}

function order(column: string, field: string, op: string, v: unknown): Sql {
  scalar(field, v);
  if (v === null || v === undefined) throw new Error(`Policy condition on "${field}" orders by null`);
  const p = param();
  // JavaScript compares strings by code unit; the C collation is the same order for UTF-8 text.
  const lhs = typeof v === 'string' ? `${column} COLLATE "C"` : column;
  return { sql: `(${column} IS NOT NULL AND ${lhs} ${op} :${p})`, params: { [p]: v } };
}

function field(cond: FieldCondition, columns: ColumnMap): Sql {
  const column = Object.prototype.hasOwnProperty.call(columns, cond.field) ? columns[cond.field] : undefined;
  if (!column) throw new Error(`No column mapped for policy field "${cond.field}"`);
  const v = cond.value as unknown;
  switch (cond.operator) {
    case 'eq':
      return eq(column, cond.field, v);
    case 'ne':
      return not(eq(column, cond.field, v));
    case 'in':
      return within(column, cond.field, v);
    case 'nin':
      return not(within(column, cond.field, v));
    case 'lt':
      return order(column, cond.field, '<', v);
    case 'lte':
      return order(column, cond.field, '<=', v);
    case 'gt':
      return order(column, cond.field, '>', v);
    case 'gte':
      return order(column, cond.field, '>=', v);
    default:
      // $exists, $regex, $all, $size, $elemMatch have no faithful SQL form on scalar columns.
      throw new Error(`Policy operator "${cond.operator}" is not supported in SQL`);
  }
}

function compound(cond: CompoundCondition, columns: ColumnMap): Sql {
  const parts = (cond.value as Condition[]).map((c) => toSql(c, columns));
  const params = Object.assign({}, ...parts.map((p) => p.params)) as Record<string, unknown>;
  if (cond.operator === 'not')
    return { sql: `NOT (${parts.map((p) => p.sql).join(' AND ') || 'TRUE'})`, params };
  if (!parts.length) return cond.operator === 'and' ? TRUE : FALSE;
  const joiner = cond.operator === 'and' ? ' AND ' : ' OR ';
  return { sql: `(${parts.map((p) => p.sql).join(joiner)})`, params };
}

function toSql(cond: Condition, columns: ColumnMap): Sql {
  if (['and', 'or', 'not'].includes(cond.operator)) return compound(cond as CompoundCondition, columns);
  if (!('field' in cond)) throw new Error(`Policy operator "${cond.operator}" is not supported in SQL`);
  return field(cond as FieldCondition, columns);
}

/**
 * The SQL condition equivalent to `ability.can(action, record)` for every row of `subjectType`
 * (CASL's rule priority included: `rulesToAST` bounds each `can` by the higher `cannot`s).
 */
export function abilityToSql(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectName,
  columns: ColumnMap,
): Sql {
  const ast = rulesToAST(ability, action, subjectType);
  if (ast === null) return FALSE;
  return toSql(ast, columns);
}

/**
 * Restricts a query to the rows the ability permits: `applyAbility(qb, ability, 'list', 'Case',
 * { agencyId: 'c.agency_id' })`. It ANDs one bracketed condition onto the WHERE built so far
 * (bracketing that too when it holds an OR), so it composes with other filters and joins. Add
 * further filters with `andWhere` only: a later `where()` would replace it.
 */
export function applyAbility<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ability: AppAbility,
  action: Action,
  subjectType: SubjectName,
  columns: ColumnMap,
): SelectQueryBuilder<T> {
  const { sql, params } = abilityToSql(ability, action, subjectType, columns);
  const prior = qb.expressionMap.wheres;
  if (prior.some((w) => w.type === 'or'))
    qb.expressionMap.wheres = [{ type: 'simple', condition: { operator: 'brackets', condition: prior } }];
  return qb.andWhere(new Brackets((w: WhereExpressionBuilder) => w.where(sql, params)));
}
