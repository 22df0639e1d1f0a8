import type { FieldClassMap } from '../authz/field-access';

/**
 * Agencies hold institutional data only (operational). The delivery endpoint and the name of the
 * signing secret of an external agency are operational too, but only administrators may see them
 * (field-level rule in directory.policy.ts).
 */
export const AGENCY_FIELDS: FieldClassMap = {
  id: 'operational',
  countryCode: 'operational',
  name: 'operational',
  acronym: 'operational',
  city: 'operational',
  type: 'operational',
  services: 'operational',
  onEnlace: 'operational',
  contactEmail: 'operational',
  contactPhone: 'operational',
  active: 'operational',
  deliveryEndpoint: 'operational',
  signingSecretRef: 'operational',
  createdAt: 'operational',
  updatedAt: 'operational',
  version: 'operational',
};

/** What the directory shows caseworkers and focal points choosing where to refer. */
export const AGENCY_DIRECTORY_FIELDS = [
  'id',
  'countryCode',
  'name',
  'acronym',
  'city',
  'type',
  'services',
  'onEnlace',
  'contactEmail',
  'contactPhone',
  'active',
];

/** Staff accounts: names and emails identify a person. */
export const USER_FIELDS: FieldClassMap = {
  id: 'operational',
  agencyId: 'operational',
  countryCode: 'operational',
  role: 'operational',
  email: 'identifying',
  fullName: 'identifying',
  active: 'operational',
  accessState: 'operational',
  language: 'operational',
  failedLogins: 'operational',
  lockedUntil: 'operational',
  createdAt: 'operational',
  updatedAt: 'operational',
  version: 'operational',
};

/** A receiving agency's focal points, as shown in the directory so a sender knows whom to contact. */
export const FOCAL_POINT_FIELDS = ['id', 'agencyId', 'role', 'fullName', 'email'];
