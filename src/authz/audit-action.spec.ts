import { auditAction } from './audit-action';

describe('auditAction', () => {
  it('names a permission <subject>.<verb>, the subject with a lower-case first letter', () => {
    expect(auditAction('Case', 'read')).toBe('case.read');
    expect(auditAction('FollowUp', 'complete')).toBe('followUp.complete');
    expect(auditAction('UserGrant', 'approve')).toBe('userGrant.approve');
    expect(auditAction('AuditEntry', 'list')).toBe('auditEntry.list');
  });

  it('names a permission on a part of its subject after that part, and monitoring as one subject', () => {
    expect(auditAction('Referral', 'readSnapshot')).toBe('referral.snapshot.read');
    expect(auditAction('Case', 'viewAccessLog')).toBe('case.accessLog.read');
    expect(auditAction('RegionalMonitoring', 'read')).toBe('monitoring.read');
    expect(auditAction('RegionalMonitoring', 'export')).toBe('export.csv');
  });
});
