/**
 * Audit action names are `<subject>.<verb>`: the subject type with a lower-case first letter
 * (`case`, `followUp`, `userGrant`), then the verb (`case.read`, `followUp.complete`). A denial
 * and the allowed entry of the same operation carry the same name, so an auditor filtering on
 * one action sees both outcomes.
 *
 * Permissions named after a part of their subject read as that part (`readSnapshot` on a
 * referral is `referral.snapshot.read`), and both monitoring views are one subject to an auditor
 * (`monitoring.read`, `export.csv`, whichever view was asked). A use case whose permission covers several operations
 * (`readRecords` on a case covers assessment, interview and consent lists) passes its own name
 * to AuthzService.assert (`audit.action`), the one it records when allowed.
 */
const NAMED: Record<string, string> = {
  'Referral.readSnapshot': 'referral.snapshot.read',
  'Case.viewAccessLog': 'case.accessLog.read',
  'RegionalMonitoring.read': 'monitoring.read',
  'Monitoring.export': 'export.csv',
  'RegionalMonitoring.export': 'export.csv',
};

export function auditAction(subjectType: string, action: string): string {
  return (
    NAMED[`${subjectType}.${action}`] ??
    `${subjectType.charAt(0).toLowerCase()}${subjectType.slice(1)}.${action}`
  );
}
