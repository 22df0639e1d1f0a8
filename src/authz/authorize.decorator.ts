import { SetMetadata } from '@nestjs/common';
import type { Action, SubjectName } from './ability';

export const AUTHORIZE = Symbol('AUTHORIZE');

/**
 * The audit action of a route's operation when it is not the permission's own name
 * (`assessment.list` under `readRecords`): a name, or one read from the (not yet validated)
 * body, undefined when the body does not say.
 */
export type AuditName = string | ((body: Record<string, unknown>) => string | undefined);

export interface AuthorizeMeta {
  action: Action;
  subject: SubjectName;
  audit?: AuditName;
}

/**
 * Route-level check: may this caller `action` any `subject` at all? Record-level checks happen in
 * the service with AuthzService.assert, and lists are filtered in SQL with applyAbility. A refusal
 * here is audited as `audit` when given, the name the allowed operation records, so denied and
 * allowed entries match (docs/audit.md, "Action names").
 */
export const Authorize = (action: Action, subject: SubjectName, audit?: AuditName): MethodDecorator =>
  SetMetadata(AUTHORIZE, { action, subject, audit } satisfies AuthorizeMeta);
