import { SetMetadata } from '@nestjs/common';
import type { Action, SubjectName } from './ability';

export const AUTHORIZE = Symbol('AUTHORIZE');
export interface AuthorizeMeta {
  action: Action;
  subject: SubjectName;
}

/**
 * Route-level check: may this caller `action` any `subject` at all? Record-level checks happen in
 * the service with AuthzService.assert, and lists are filtered in SQL with applyAbility.
 */
export const Authorize = (action: Action, subject: SubjectName): MethodDecorator =>
  SetMetadata(AUTHORIZE, { action, subject } satisfies AuthorizeMeta);
