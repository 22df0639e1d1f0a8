import type { Role } from '../common/role';
import type { AgencyType } from '../directory/agency.entity';

/**
 * Demo directory: real institutions of the national child-protection and return-reception
 * systems of Guatemala, Honduras, El Salvador and Mexico, plus two partners that are not on
 * Enlace. Names and roles are public information; contact addresses are demo placeholders
 * under demo.enlace.example. Each entry has a stable key from which its id is derived.
 */
export interface DemoAgency {
  key: string;
  countryCode: string;
  name: string;
  acronym: string | null;
  city: string | null;
  type: AgencyType;
  services: string[];
  external?: { deliveryEndpoint: string; signingSecretRef: string };
}

export interface DemoUser {
  role: Role;
  countryCode: string;
  agencyKey: string;
  fullName: string;
  language: 'es' | 'en';
  /** Appended to the email to tell apart two users of one role and country. */
  suffix?: string;
}

/** The one documented password of every demo user (satisfies the password rules). */
export const DEMO_PASSWORD = 'Enlace-Demo-2026!';
export const DEMO_EMAIL_DOMAIN = 'demo.enlace.example';

/** e.g. caseworker.gt@demo.enlace.example, referral-focal-point.hn.salud@demo.enlace.example */
export function demoEmail(u: Pick<DemoUser, 'role' | 'countryCode' | 'suffix'>): string {
  const local = [u.role.replace(/_/g, '-'), u.countryCode.toLowerCase(), u.suffix].filter(Boolean).join('.');
  return `${local}@${DEMO_EMAIL_DOMAIN}`;
}

const EXTERNAL_ENDPOINT = 'http://127.0.0.1:4010/enlace/referrals';

export const DEMO_AGENCIES: DemoAgency[] = [
  // Guatemala
  {
    key: 'GT-SBS',
    countryCode: 'GT',
    name: 'Secretaría de Bienestar Social de la Presidencia de la República',
    acronym: 'SBS',
    city: 'Ciudad de Guatemala',
    type: 'national_lead_unit',
    services: [
      'case_monitoring',
      'special_protection_measures',
      'protection_shelter',
      'psychosocial_support',
    ],
  },
  {
    key: 'GT-PGN-PNA',
    countryCode: 'GT',
    name: 'Procuraduría General de la Nación — Procuraduría de la Niñez y la Adolescencia',
    acronym: 'PGN-PNA',
    city: 'Ciudad de Guatemala',
    type: 'child_protection_authority',
    services: [
      'special_protection_measures',
      'legal_assistance',
      'family_reunification',
      'cross_border_follow_up',
    ],
  },
  {
    key: 'GT-CNR-GUA',
    countryCode: 'GT',
    name: 'Casa Nuestras Raíces Guatemala',
    acronym: 'CNR-GUA',
    city: 'Ciudad de Guatemala',
    type: 'reception_center',
    services: ['reception_return', 'protection_shelter', 'psychosocial_support', 'family_reunification'],
  },
  {
    key: 'GT-CNR-XELA',
    countryCode: 'GT',
    name: 'Casa Nuestras Raíces Quetzaltenango',
    acronym: 'CNR-XELA',
    city: 'Quetzaltenango',
    type: 'reception_center',
    services: ['reception_return', 'protection_shelter', 'psychosocial_support', 'family_reunification'],
  },
  {
    key: 'GT-MSPAS',
    countryCode: 'GT',
    name: 'Ministerio de Salud Pública y Asistencia Social',
    acronym: 'MSPAS',
    city: 'Ciudad de Guatemala',
    type: 'health',
    services: ['health_care', 'psychosocial_support'],
  },
  {
    key: 'GT-MINEDUC',
    countryCode: 'GT',
    name: 'Ministerio de Educación',
    acronym: 'MINEDUC',
    city: 'Ciudad de Guatemala',
    type: 'education',
    services: ['education_enrollment'],
  },
  {
    key: 'GT-RENAP',
    countryCode: 'GT',
    name: 'Registro Nacional de las Personas',
    acronym: 'RENAP',
    city: 'Ciudad de Guatemala',
    type: 'civil_registry',
    services: ['civil_registration'],
  },
  {
    key: 'GT-REFUGIO',
    countryCode: 'GT',
    name: 'Asociación El Refugio de la Niñez',
    acronym: 'Refugio de la Niñez',
    city: 'Ciudad de Guatemala',
    type: 'ngo',
    services: ['protection_shelter', 'legal_assistance', 'psychosocial_support', 'international_protection'],
  },
  {
    key: 'GT-CONSUL-TAP',
    countryCode: 'GT',
    name: 'Consulado General de Guatemala en Tapachula',
    acronym: null,
    city: 'Tapachula, Chiapas (México)',
    type: 'consulate',
    services: ['consular_assistance', 'civil_registration'],
  },
  // Honduras
  {
    key: 'HN-DINAF',
    countryCode: 'HN',
    name: 'Dirección de Niñez, Adolescencia y Familia',
    acronym: 'DINAF',
    city: 'Tegucigalpa',
    type: 'national_lead_unit',
    services: [
      'case_monitoring',
      'special_protection_measures',
      'family_reunification',
      'cross_border_follow_up',
    ],
  },
  {
    key: 'HN-CANFM',
    countryCode: 'HN',
    name: 'Centro de Atención a la Niñez y Familias Migrantes Belén',
    acronym: 'CANFM',
    city: 'San Pedro Sula',
    type: 'reception_center',
    services: ['reception_return', 'protection_shelter', 'psychosocial_support', 'health_care'],
  },
  {
    key: 'HN-CAMR-SPS',
    countryCode: 'HN',
    name: 'Centro de Atención al Migrante Retornado San Pedro Sula',
    acronym: 'CAMR-SPS',
    city: 'San Pedro Sula',
    type: 'reception_center',
    services: ['reception_return', 'civil_registration'],
  },
  {
    key: 'HN-CAMR-OMOA',
    countryCode: 'HN',
    name: 'Centro de Atención al Migrante Retornado Omoa',
    acronym: 'CAMR-Omoa',
    city: 'Omoa',
    type: 'reception_center',
    services: ['reception_return'],
  },
  {
    key: 'HN-SESAL',
    countryCode: 'HN',
    name: 'Secretaría de Salud',
    acronym: 'SESAL',
    city: 'Tegucigalpa',
    type: 'health',
    services: ['health_care', 'psychosocial_support'],
  },
  {
    key: 'HN-SEDUC',
    countryCode: 'HN',
    name: 'Secretaría de Educación',
    acronym: 'SEDUC',
    city: 'Tegucigalpa',
    type: 'education',
    services: ['education_enrollment'],
  },
  {
    key: 'HN-RNP',
    countryCode: 'HN',
    name: 'Registro Nacional de las Personas',
    acronym: 'RNP',
    city: 'Tegucigalpa',
    type: 'civil_registry',
    services: ['civil_registration'],
  },
  {
    key: 'HN-UMAR-SPS',
    countryCode: 'HN',
    name: 'Unidad Municipal de Atención al Retornado de San Pedro Sula',
    acronym: 'UMAR-SPS',
    city: 'San Pedro Sula',
    type: 'local_government',
    services: ['economic_reintegration', 'education_enrollment'],
  },
  {
    key: 'HN-CASA-ALIANZA',
    countryCode: 'HN',
    name: 'Casa Alianza Honduras',
    acronym: null,
    city: 'Tegucigalpa',
    type: 'ngo',
    services: ['protection_shelter', 'legal_assistance', 'psychosocial_support', 'economic_reintegration'],
  },
  {
    key: 'HN-OIM',
    countryCode: 'HN',
    name: 'Organización Internacional para las Migraciones — Honduras',
    acronym: 'OIM',
    city: 'Tegucigalpa',
    type: 'international_organization',
    services: ['economic_reintegration', 'reception_return'],
  },
  // El Salvador (names of the 2011 LEPINA system; the 2022 Crecer Juntos law renamed CONNA and ISNA)
  {
    key: 'SV-CONNA',
    countryCode: 'SV',
    name: 'Consejo Nacional de la Niñez y de la Adolescencia',
    acronym: 'CONNA',
    city: 'San Salvador',
    type: 'national_lead_unit',
    services: ['case_monitoring', 'special_protection_measures'],
  },
  {
    key: 'SV-ISNA',
    countryCode: 'SV',
    name: 'Instituto Salvadoreño para el Desarrollo Integral de la Niñez y la Adolescencia',
    acronym: 'ISNA',
    city: 'San Salvador',
    type: 'child_protection_authority',
    services: [
      'special_protection_measures',
      'protection_shelter',
      'psychosocial_support',
      'cross_border_follow_up',
    ],
  },
  {
    key: 'SV-DAMI',
    countryCode: 'SV',
    name: 'Dirección de Atención al Migrante — Centro de Atención Integral al Migrante La Chacra',
    acronym: 'DAMI',
    city: 'San Salvador',
    type: 'reception_center',
    services: ['reception_return', 'civil_registration', 'health_care'],
  },
  {
    key: 'SV-MINSAL',
    countryCode: 'SV',
    name: 'Ministerio de Salud',
    acronym: 'MINSAL',
    city: 'San Salvador',
    type: 'health',
    services: ['health_care', 'psychosocial_support'],
  },
  {
    key: 'SV-MINED',
    countryCode: 'SV',
    name: 'Ministerio de Educación, Ciencia y Tecnología',
    acronym: 'MINEDUCYT',
    city: 'San Salvador',
    type: 'education',
    services: ['education_enrollment'],
  },
  {
    key: 'SV-RNPN',
    countryCode: 'SV',
    name: 'Registro Nacional de las Personas Naturales',
    acronym: 'RNPN',
    city: 'San Salvador',
    type: 'civil_registry',
    services: ['civil_registration'],
  },
  {
    key: 'SV-PROBUSQUEDA',
    countryCode: 'SV',
    name: 'Asociación Pro-Búsqueda de Niñas y Niños Desaparecidos',
    acronym: 'Pro-Búsqueda',
    city: 'San Salvador',
    type: 'ngo',
    services: ['family_reunification', 'psychosocial_support', 'legal_assistance'],
  },
  // Mexico
  {
    key: 'MX-SNDIF',
    countryCode: 'MX',
    name: 'Sistema Nacional para el Desarrollo Integral de la Familia',
    acronym: 'SNDIF',
    city: 'Ciudad de México',
    type: 'national_lead_unit',
    services: ['case_monitoring', 'protection_shelter', 'special_protection_measures'],
  },
  {
    key: 'MX-PFPNNA',
    countryCode: 'MX',
    name: 'Procuraduría Federal de Protección de Niñas, Niños y Adolescentes',
    acronym: 'PFPNNA',
    city: 'Ciudad de México',
    type: 'child_protection_authority',
    services: [
      'special_protection_measures',
      'legal_assistance',
      'family_reunification',
      'cross_border_follow_up',
    ],
  },
  {
    key: 'MX-DIF-CHIS-TAP',
    countryCode: 'MX',
    name: 'DIF Chiapas — Albergue Temporal para Niñas, Niños y Adolescentes Migrantes Viva México',
    acronym: 'DIF Chiapas',
    city: 'Tapachula',
    type: 'reception_center',
    services: ['reception_return', 'protection_shelter', 'health_care', 'psychosocial_support'],
  },
  {
    key: 'MX-SSA',
    countryCode: 'MX',
    name: 'Secretaría de Salud',
    acronym: 'SSA',
    city: 'Ciudad de México',
    type: 'health',
    services: ['health_care', 'psychosocial_support'],
  },
  {
    key: 'MX-SEP',
    countryCode: 'MX',
    name: 'Secretaría de Educación Pública',
    acronym: 'SEP',
    city: 'Ciudad de México',
    type: 'education',
    services: ['education_enrollment'],
  },
  {
    key: 'MX-RENAPO',
    countryCode: 'MX',
    name: 'Registro Nacional de Población',
    acronym: 'RENAPO',
    city: 'Ciudad de México',
    type: 'civil_registry',
    services: ['civil_registration'],
  },
  {
    key: 'MX-FRAY-MATIAS',
    countryCode: 'MX',
    name: 'Centro de Derechos Humanos Fray Matías de Córdova',
    acronym: null,
    city: 'Tapachula',
    type: 'ngo',
    services: ['legal_assistance', 'international_protection', 'psychosocial_support'],
  },
  {
    key: 'MX-ACNUR',
    countryCode: 'MX',
    name: 'Alto Comisionado de las Naciones Unidas para los Refugiados — México',
    acronym: 'ACNUR',
    city: 'Tapachula',
    type: 'international_organization',
    services: ['international_protection', 'legal_assistance', 'protection_shelter'],
  },
  // Partners not on Enlace: they receive referrals as signed HTTP requests.
  {
    key: 'US-KIND',
    countryCode: 'US',
    name: 'Kids in Need of Defense',
    acronym: 'KIND',
    city: 'Washington, DC',
    type: 'ngo',
    services: ['legal_assistance', 'international_protection', 'family_reunification'],
    external: { deliveryEndpoint: EXTERNAL_ENDPOINT, signingSecretRef: 'EXTERNAL_AGENCY_SECRET_US' },
  },
  {
    key: 'CR-PANI',
    countryCode: 'CR',
    name: 'Patronato Nacional de la Infancia',
    acronym: 'PANI',
    city: 'San José',
    type: 'child_protection_authority',
    services: [
      'special_protection_measures',
      'protection_shelter',
      'family_reunification',
      'cross_border_follow_up',
    ],
    external: { deliveryEndpoint: EXTERNAL_ENDPOINT, signingSecretRef: 'EXTERNAL_AGENCY_SECRET_CR' },
  },
];

/** Where each role works in a country: reception centre staff, the lead unit, a receiving agency. */
const PLACES: Record<string, Record<Role, string>> = {
  GT: {
    caseworker: 'GT-CNR-GUA',
    supervisor: 'GT-CNR-GUA',
    referral_focal_point: 'GT-PGN-PNA',
    lead_unit_officer: 'GT-SBS',
    regional_analyst: 'GT-SBS',
    auditor: 'GT-SBS',
    administrator: 'GT-SBS',
  },
  HN: {
    caseworker: 'HN-CANFM',
    supervisor: 'HN-CANFM',
    referral_focal_point: 'HN-DINAF',
    lead_unit_officer: 'HN-DINAF',
    regional_analyst: 'HN-DINAF',
    auditor: 'HN-DINAF',
    administrator: 'HN-DINAF',
  },
  SV: {
    caseworker: 'SV-DAMI',
    supervisor: 'SV-DAMI',
    referral_focal_point: 'SV-ISNA',
    lead_unit_officer: 'SV-CONNA',
    regional_analyst: 'SV-CONNA',
    auditor: 'SV-CONNA',
    administrator: 'SV-CONNA',
  },
  MX: {
    caseworker: 'MX-DIF-CHIS-TAP',
    supervisor: 'MX-DIF-CHIS-TAP',
    referral_focal_point: 'MX-PFPNNA',
    lead_unit_officer: 'MX-SNDIF',
    regional_analyst: 'MX-SNDIF',
    auditor: 'MX-SNDIF',
    administrator: 'MX-SNDIF',
  },
};

const NAMES: Record<string, string[]> = {
  GT: [
    'Ana Lucía Cojtí',
    'Marco Tulio Ajú',
    'Brenda Xiloj',
    'Julio Estrada',
    'Irma Tzul',
    'Óscar Pop',
    'Lesbia Morales',
  ],
  HN: [
    'Karla Mejía',
    'José Ramón Zelaya',
    'Dania Oseguera',
    'Luis Fernando Ávila',
    'Gabriela Cálix',
    'Nelson Reyes',
    'Suyapa Banegas',
  ],
  SV: [
    'Claudia Henríquez',
    'Roberto Alvarenga',
    'Marta Lidia Portillo',
    'Ernesto Guardado',
    'Patricia Menjívar',
    'Carlos Ayala',
    'Sandra Quintanilla',
  ],
  MX: [
    'Guadalupe Hernández',
    'Jorge Villanueva',
    'Rocío Gutiérrez',
    'Alejandro Cruz',
    'Mariana Ortiz',
    'Raúl Domínguez',
    'Verónica Salas',
  ],
};

const ROLE_ORDER: Role[] = [
  'caseworker',
  'supervisor',
  'referral_focal_point',
  'lead_unit_officer',
  'regional_analyst',
  'auditor',
  'administrator',
];

/** Every role in every demo country, plus health focal points in Guatemala and Honduras. */
export const DEMO_USERS: DemoUser[] = [
  ...Object.entries(PLACES).flatMap(([countryCode, places]) =>
    ROLE_ORDER.map((role, i) => ({
      role,
      countryCode,
      agencyKey: places[role],
      fullName: NAMES[countryCode][i],
      language: role === 'regional_analyst' ? ('en' as const) : ('es' as const),
    })),
  ),
  {
    role: 'referral_focal_point',
    countryCode: 'GT',
    agencyKey: 'GT-MSPAS',
    fullName: 'Rosa Elvira Chocoj',
    language: 'es',
    suffix: 'salud',
  },
  {
    role: 'referral_focal_point',
    countryCode: 'HN',
    agencyKey: 'HN-SESAL',
    fullName: 'Miriam Aguilar',
    language: 'es',
    suffix: 'salud',
  },
];
