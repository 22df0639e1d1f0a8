import { rulesToAST } from '@casl/ability/extra';
import type { Condition, CompoundCondition, FieldCondition } from '@ucast/mongo2js';
import { Brackets, ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import type { Action, AppAbility, SubjectName } from './ability';

/**
 * Maps each field that a policy condition may name to an SQL expression on the query's aliases,
 * e.g. `{ agencyId: 'c.agency_id', assignedUserId: 'c.assigned_user_id' }`. A condition on a
 * field missing from the map is an error (fail closed), never silently ignored.
 */
export type ColumnMap = Record<string, string>;

let paramSeq = 0;

interface Sql {
  sql: string;
  params: Record<string, unknown>;
}

function field(cond: FieldCondition, columns: ColumnMap): Sql {
  const column = columns[cond.field];
  if (!column) throw new Error(`No column mapped for policy field "${cond.field}"`);
  const p = `casl_${++paramSeq}`;
  const v = cond.value as unknown;
  switch (cond.operator) {
    case 'eq':
      return v === null
        ? { sql: `${column} IS NULL`, params: {} }
        : { sql: `${column} = :${p}`, params: { [p]: v } };
    case 'ne':
      return v === null
        ? { sql: `${column} IS NOT NULL`, params: {} }
        : { sql: `(${column} IS NULL OR ${column} <> :${p})`, params: { [p]: v } };
    case 'in':
      return (v as unknown[]).length
        ? { sql: `${column} IN (:...${p})`, params: { [p]: v } }
        : { sql: 'FALSE', params: {} };
    case 'nin':
      return (v as unknown[]).length
        ? { sql: `(${column} IS NULL OR ${column} NOT IN (:...${p}))`, params: { [p]: v } }
        : { sql: 'TRUE', params: {} };
    case 'lt':
      return { sql: `${column} < :${p}`, params: { [p]: v } };
    case 'lte':
      return { sql: `${column} <= :${p}`, params: { [p]: v } };
    case 'gt':
      return { sql: `${column} > :${p}`, params: { [p]: v } };
    case 'gte':
      return { sql: `${column} >= :${p}`, params: { [p]: v } };
    case 'exists':
      return { sql: `${column} IS ${v ? 'NOT ' : ''}NULL`, params: {} };
    default:
      throw new Error(`Policy operator "${cond.operator}" is not supported in SQL`);
  }
}

function compound(cond: CompoundCondition, columns: ColumnMap): Sql {
  const parts = (cond.value as Condition[]).map((c) => toSql(c, columns));
  const params = Object.assign({}, ...parts.map((p) => p.params));
  if (cond.operator === 'not')
    return { sql: `NOT (${parts.map((p) => p.sql).join(' AND ') || 'TRUE'})`, params };
  if (!parts.length) return { sql: cond.operator === 'and' ? 'TRUE' : 'FALSE', params };
  const joiner = cond.operator === 'and' ? ' AND ' : ' OR ';
  return { sql: `(${parts.map((p) => p.sql).join(joiner)})`, params };
}

function toSql(cond: Condition, columns: ColumnMap): Sql {
  return ['and', 'or', 'not'].includes(cond.operator)
    ? compound(cond as CompoundCondition, columns)
    : field(cond as FieldCondition, columns);
}

/** The SQL condition equivalent to `ability.can(action, record)` for every row of `subjectType`. */
export function abilityToSql(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectName,
  columns: ColumnMap,
): Sql {
  const ast = rulesToAST(ability, action, subjectType);
  if (ast === null) return { sql: 'FALSE', params: {} };
  return toSql(ast, columns);
}

/**
 * Restricts a query to the rows the ability permits: `applyAbility(qb, ability, 'list', 'Case',
 * { agencyId: 'c.agency_id' })`. Adds one bracketed AND, so it composes with other filters and joins.
 */
export function applyAbility<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ability: AppAbility,
  action: Action,
  subjectType: SubjectName,
  columns: ColumnMap,
): SelectQueryBuilder<T> {
  const { sql, params } = abilityToSql(ability, action, subjectType, columns);
  return qb.andWhere(new Brackets((w: WhereExpressionBuilder) => w.where(sql, params)));
}
