import type { SchemaObject } from './openapi-types';

/**
 * Realistic example values by field name and format, so a reader of the docs (and a generated
 * client's tests) sees ids, dates and codes as the API sends them rather than "string".
 * The ids are fixed, fictitious UUIDs; dates fall in the first year of the pilot.
 */
const UUIDS: Record<string, string> = {
  id: '0b6f3c1e-5d2a-4c8e-9f47-2a1d6e3b8c90',
  caseId: '3f2a9c4e-7b1d-4e6a-8c5f-1d9e0a2b7c64',
  childId: '8d4e2f1a-6c3b-4a9d-b7e5-0f1c2a3d4e5b',
  agencyId: '6a1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d',
  userId: '5e7d9c1b-3a2f-4e8d-9b6c-7a0f1e2d3c4b',
  referralId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
};
/** Fictitious people, agencies and texts, as a caseworker would type them. */
const TEXT: Record<string, string> = {
  firstNames: 'María José',
  lastNames: 'Pérez López',
  fullName: 'Ana Lucía Morales',
  acronym: 'SBS',
  city: 'Ciudad de Guatemala',
  address: 'Zona 1, Ciudad de Guatemala',
  phone: '+502 2411 9191',
  contactPhone: '+502 2411 9191',
  contactEmail: 'referencias@example.org',
  reason: 'La familia solicita apoyo psicosocial tras el retorno.',
  'X-Enlace-Agency': '6a1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d',
  'X-Enlace-Timestamp': '1773500966',
  'X-Enlace-Signature': 'v1=5d41402abc4b2a76b9719d911017c592ae8b0f3c6e2d1a4b7c9e0f2a1b3c5d7e',
  accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI1ZTdkIn0.c2lnbmF0dXJl',
  refreshToken: 'rt_4f9c2a7e1b3d5f8a0c6e9b2d4f7a1c3e',
};
const FALLBACK_UUID = '2c4e6a8b-0d1f-4e3a-9b5c-7d9e1f3a5b7c';

export function exampleFor(name: string | undefined, schema: SchemaObject): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.type === 'string') {
    if (schema.format === 'date-time' || (name && /At$/.test(name))) return '2026-03-14T15:09:26.000Z';
    if (
      schema.format === 'date' ||
      (name && /^(from|to|date\w*)$|(Date|On|From|Before)$|^(opened|created|due)To$/.test(name))
    ) {
      return schema.format === 'date-time' ? '2026-03-14T15:09:26.000Z' : '2026-03-14';
    }
    if (schema.format === 'uuid' || (name && /(^id|Id|Ids)$/.test(name))) {
      return UUIDS[name ?? ''] ?? UUIDS[(name ?? '').replace(/Ids$/, 'Id')] ?? FALLBACK_UUID;
    }
    // Who recorded, decided or changed something: a user id (givenBy is a kind of person, not an id).
    if (name && /By$/.test(name) && name !== 'givenBy') return UUIDS.userId;
    if (name && /^(on|until|asOf)$|Until$/.test(name)) return '2026-03-14';
    if (name && /countryCode$|^country$|nationality$|Country$/.test(name)) return 'GT';
    if (name && /^countries$|Countries$|CountryCodes$/.test(name)) return 'GT';
    if (name && name in TEXT) return TEXT[name];
    if (name === 'email') return 'ana.lopez@example.org';
    if (name === 'caseNumber') return 'GT-2026-000123';
    if (name && /Cursor$|^cursor$|^next$|^after$/.test(name)) return 'eyJrIjoiMjAyNi0wMy0xNCJ9';
    return undefined;
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    if (name === 'version') return 3;
    return undefined;
  }
  return undefined;
}
