import { permittedFieldsOf } from '@casl/ability/extra';
import type { Action, AppAbility, SubjectName } from './ability';
import { asSubject } from './ability';

/** DESIGN.md's sensitivity classes. */
export type FieldClass = 'operational' | 'identifying' | 'sensitive';

/** Each module declares its subject's fields by class, e.g. `CASE_FIELDS` in `case.fields.ts`. */
export type FieldClassMap = Record<string, FieldClass>;

export function fieldsOfClass(map: FieldClassMap, ...classes: FieldClass[]): string[] {
  return Object.entries(map)
    .filter(([, c]) => classes.includes(c))
    .map(([f]) => f);
}

/**
 * Returns a copy of `record` with only the fields the ability lets the caller `action`.
 * Fields not in the class map are dropped too (fail closed), except those in `alwaysKeep`
 * (e.g. `id`, `version`), which are kept whenever the caller may `action` the record at all.
 */
export function redact<T extends Record<string, any>>(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectName,
  record: T,
  map: FieldClassMap,
  opts: { alwaysKeep?: string[] } = {},
): Partial<T> {
  const all = Object.keys(map);
  const target = asSubject(subjectType, record);
  const out: Partial<T> = {};
  if (!ability.can(action, target)) return out;
  const allowed = new Set(
    permittedFieldsOf(ability, action, target, { fieldsFrom: (rule) => rule.fields || all }),
  );
  const keep = new Set(opts.alwaysKeep ?? []);
  for (const k of Object.keys(record) as (keyof T & string)[])
    if (keep.has(k) || (allowed.has(k) && k in map)) out[k] = record[k];
  return out;
}

/** Which classes of a map the caller may `action` on this record: for audit entries ("fields touched"). */
export function permittedClasses(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectName,
  record: Record<string, any>,
  map: FieldClassMap,
): FieldClass[] {
  const all = Object.keys(map);
  const allowed = permittedFieldsOf(ability, action, asSubject(subjectType, record), {
    fieldsFrom: (r) => r.fields || all,
  });
  return [...new Set(allowed.map((f) => map[f]).filter(Boolean))];
}
