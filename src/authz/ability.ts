import { AbilityBuilder, createMongoAbility, MongoAbility, subject as caslSubject } from '@casl/ability';

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

export function newAbilityBuilder(): AppAbilityBuilder {
  return new AbilityBuilder<AppAbility>(createMongoAbility);
}

/** Tags a plain record with its subject type so CASL matches the right rules. */
export function asSubject<T extends Record<string, any>>(type: SubjectName, record: T): T {
  return caslSubject(type, { ...record });
}
