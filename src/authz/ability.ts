import {
  AbilityBuilder,
  buildMongoQueryMatcher,
  createMongoAbility,
  MongoAbility,
  subject as caslSubject,
} from '@casl/ability';
import type { FieldCondition, JsInterpreter } from '@ucast/mongo2js';

/**
 * Actions used across modules. `read` is reading one record, `list` is searching many; both are
 * audited. Modules may add their own verbs (approve, refer, export...) as plain strings.
 */
export type Action =
  'manage' | 'create' | 'read' | 'list' | 'update' | 'delete' | 'approve' | 'export' | (string & {});

/** Subjects are named by string (`'Case'`, `'Agency'`); records are tagged with `asSubject`. */
export type SubjectName = string;
export type AppAbility = MongoAbility<[Action, SubjectName | Record<string, any>]>;
export type AppAbilityBuilder = AbilityBuilder<AppAbility>;

/**
 * Ordering operators that never match a missing value. CASL's defaults compare `null < x` as
 * true (so `{ score: { $lt: 5 } }` would match a null score), which SQL cannot express as the
 * same list query; with these, `ability.can()` and `applyAbility` agree row for row.
 */
function ordered(test: (c: number) => boolean): JsInterpreter<FieldCondition> {
  return (node, object, { get, compare }) => {
    const value = get(object, node.field) as unknown;
    const check = (v: unknown) => v != null && test(compare(v, node.value));
    return Array.isArray(value) ? value.some(check) : check(value);
  };
}

const conditionsMatcher = buildMongoQueryMatcher(
  {},
  {
    lt: ordered((c) => c < 0),
    lte: ordered((c) => c <= 0),
    gt: ordered((c) => c > 0),
    gte: ordered((c) => c >= 0),
  },
);

export function newAbilityBuilder(): AppAbilityBuilder {
  return new AbilityBuilder<AppAbility>((rules, options) =>
    createMongoAbility(rules, { ...(options ?? {}), conditionsMatcher }),
  );
}

/** Tags a plain record with its subject type so CASL matches the right rules. */
export function asSubject<T extends Record<string, any>>(type: SubjectName, record: T): T {
  return caslSubject(type, { ...record });
}
