/** The roles of DESIGN.md ("Who uses it"). */
export const Role = {
  Caseworker: 'caseworker',
  Supervisor: 'supervisor',
  ReferralFocalPoint: 'referral_focal_point',
  LeadUnitOfficer: 'lead_unit_officer',
  RegionalAnalyst: 'regional_analyst',
  Auditor: 'auditor',
  Administrator: 'administrator',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: Role[] = Object.values(Role);
