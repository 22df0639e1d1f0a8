import type { Role } from './role';

/** Who is calling: built from the verified access token on every request. */
export interface Actor {
  userId: string;
  role: Role;
  agencyId: string;
  countryCode: string;
  language: 'es' | 'en';
}
