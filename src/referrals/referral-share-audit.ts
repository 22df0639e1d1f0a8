import type { AuditInput } from '../audit-trail/audit.service';
import type { Referral } from './referral.entity';

/**
 * The audit entry of something sent to an external partner (`referral.share`): by the system,
 * in the sending country's trail, with the data categories it carried (none for a notice).
 */
export function shareEntry(
  r: Referral,
  categories: string[],
  outcome: 'allowed' | 'failed',
  purpose: string = r.purpose,
): AuditInput {
  return {
    actor: null,
    countryCode: r.senderCountry,
    action: 'referral.share',
    outcome,
    subjectType: 'Referral',
    subjectId: r.id,
    caseId: r.caseId,
    fields: categories,
    purpose,
  };
}
