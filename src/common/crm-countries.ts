/** Member countries of the Regional Conference on Migration (ISO 3166-1 alpha-2). */
export const CRM_COUNTRIES = [
  { code: 'BZ', es: 'Belice', en: 'Belize' },
  { code: 'CA', es: 'Canadá', en: 'Canada' },
  { code: 'CR', es: 'Costa Rica', en: 'Costa Rica' },
  { code: 'DO', es: 'República Dominicana', en: 'Dominican Republic' },
  { code: 'SV', es: 'El Salvador', en: 'El Salvador' },
  { code: 'GT', es: 'Guatemala', en: 'Guatemala' },
  { code: 'HN', es: 'Honduras', en: 'Honduras' },
  { code: 'MX', es: 'México', en: 'Mexico' },
  { code: 'NI', es: 'Nicaragua', en: 'Nicaragua' },
  { code: 'PA', es: 'Panamá', en: 'Panama' },
  { code: 'US', es: 'Estados Unidos', en: 'United States' },
] as const;

export const CRM_COUNTRY_CODES: string[] = CRM_COUNTRIES.map((c) => c.code);
