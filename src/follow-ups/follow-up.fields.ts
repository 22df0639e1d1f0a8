import type { FieldClassMap } from '../authz/field-access';
import { fieldsOfClass } from '../authz/field-access';

/** Field classes of a follow-up as the API returns it. Outcome notes are sensitive. */
export const FOLLOW_UP_FIELDS: FieldClassMap = {
  id: 'operational',
  caseId: 'operational',
  caseNumber: 'operational',
  type: 'operational',
  kind: 'operational',
  dueAt: 'operational',
  explain: 'operational',
  status: 'operational',
  responsibleUserId: 'operational',
  responsibleAgencyId: 'operational',
  referralId: 'operational',
  attempts: 'operational',
  contactMade: 'operational',
  resolvedAt: 'operational',
  cancelReason: 'operational',
  overdueSince: 'operational',
  escalationLevel: 'operational',
  createdAt: 'operational',
  version: 'operational',
  outcomeNotes: 'sensitive',
};

export const FOLLOW_UP_OPERATIONAL_FIELDS = fieldsOfClass(FOLLOW_UP_FIELDS, 'operational');
