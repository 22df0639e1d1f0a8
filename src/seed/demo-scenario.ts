/**
 * Demo case work: fictitious children (every family name includes "Ficticio/Ficticia", so nobody
 * mistakes them for real people) and what happened on their cases, chosen so that every
 * monitoring view has data: cases in every phase and risk level, referrals in every state and of
 * every kind (internal, national, cross-border, external), follow-ups on time, done, missed and
 * overdue at each escalation level, indicator measurements, interviews, closures and a closed
 * case under post-closure monitoring. Dates are days relative to the moment of the first seed
 * run (negative = in the past). Keys are stable: ids are derived from them (see seedId).
 */

export interface DemoChild {
  firstNames: string;
  lastNames: string;
  dateOfBirth: string;
  sex: 'female' | 'male';
  languages: string[];
}

export interface DemoCase {
  key: string;
  agencyKey: string;
  /** The country's demo caseworker is assigned; the supervisor approves. */
  countryCode: string;
  child: DemoChild;
  phase: 'registration' | 'assessment' | 'case_plan' | 'implementation' | 'follow_up' | 'closed';
  risk: 'high' | 'medium' | 'low';
  returnedDay: number;
  returnedFrom: string;
  meansOfReturn: string;
  accompaniment: 'unaccompanied' | 'separated' | 'accompanied';
  concerns: string[];
  needs: string[];
  closed?: { reason: string; day: number };
  /** Consent given at registration: purposes, recipient agencies (keys) and data categories. */
  consent?: { purposes: string[]; recipientKeys: string[]; categories: string[] };
}

export type DemoReferralStatus =
  | 'draft'
  | 'dispatched'
  | 'delivered'
  | 'delivery_failed'
  | 'accepted'
  | 'rejected'
  | 'in_progress'
  | 'completed'
  | 'cancelled';

export interface DemoReferral {
  key: string;
  caseKey: string;
  recipientKey: string;
  kind: 'internal' | 'national' | 'cross_border' | 'external';
  serviceType: string;
  purpose: string;
  urgency: 'emergency' | 'priority' | 'routine';
  reason: string;
  categories: string[];
  /** The path through the lifecycle after the draft, each step on its day. */
  steps: { to: DemoReferralStatus; day: number; reason?: string }[];
  /** Days after dispatch the answer is due (the policy's deadline for the urgency). */
  responseDays?: number;
  outcome?: string;
  /** Overdue unanswered referral already escalated to this level (1–3). */
  escalated?: number;
}

export interface DemoFollowUp {
  key: string;
  caseKey: string;
  type: 'home_visit' | 'phone' | 'school' | 'health' | 'office';
  kind: 'interval' | 'checkpoint' | 'post_closure' | 'manual';
  dueDay: number;
  status: 'scheduled' | 'completed' | 'missed' | 'cancelled';
  /** For an overdue scheduled follow-up: the escalation level the scan has already reached. */
  escalated?: 0 | 1 | 2 | 3;
  notes?: string;
}

export interface DemoMeasurement {
  key: string;
  caseKey: string;
  day: number;
  checkpoint: string;
  answers: Record<string, string>;
}

export interface DemoInterview {
  key: string;
  caseKey: string;
  day: number;
  purpose: string;
  topics: string[];
  repeatedTopics?: string[];
  repeatReason?: string;
}

export interface DemoAgreement {
  key: string;
  reference: string;
  title: string;
  partyKeys: string[];
  purposes: string[];
  categories: string[];
}

const BASIC = ['identification', 'contact', 'case_summary'];

/** Data-sharing agreements between the seeded bodies, approved by every involved country. */
export const DEMO_AGREEMENTS: DemoAgreement[] = [
  {
    key: 'GT-health',
    reference: 'CONV-GT-2026-001',
    title: 'Convenio SBS–MSPAS–Casa Nuestras Raíces: atención en salud a NNA retornados',
    partyKeys: ['GT-SBS', 'GT-CNR-GUA', 'GT-CNR-XELA', 'GT-MSPAS'],
    purposes: ['health_care', 'psychosocial_support'],
    categories: [...BASIC, 'health', 'psychosocial', 'assessments'],
  },
  {
    key: 'GT-protection',
    reference: 'CONV-GT-2026-002',
    title: 'Convenio SBS–PGN–MINEDUC–RENAP: protección, educación y documentación',
    partyKeys: ['GT-SBS', 'GT-CNR-GUA', 'GT-PGN-PNA', 'GT-MINEDUC', 'GT-RENAP'],
    purposes: ['protection', 'education', 'documentation', 'family_reunification'],
    categories: [...BASIC, 'documents', 'protection_concerns', 'case_plan'],
  },
  {
    key: 'HN-national',
    reference: 'CONV-HN-2026-001',
    title: 'Convenio DINAF–CANFM–SESAL–SEDUC: atención integral a la niñez retornada',
    partyKeys: ['HN-DINAF', 'HN-CANFM', 'HN-SESAL', 'HN-SEDUC'],
    purposes: ['health_care', 'education', 'protection', 'psychosocial_support'],
    categories: [...BASIC, 'health', 'psychosocial', 'protection_concerns'],
  },
  {
    key: 'GT-HN-MX',
    reference: 'CONV-CRM-2026-001',
    title: 'Acuerdo PGN–DINAF–DIF Chiapas: seguimiento transfronterizo y reunificación familiar',
    partyKeys: ['GT-PGN-PNA', 'HN-DINAF', 'HN-CANFM', 'MX-DIF-CHIS-TAP', 'GT-CNR-GUA'],
    purposes: ['family_reunification', 'cross_border_follow_up', 'protection'],
    categories: [...BASIC, 'protection_concerns'],
  },
  {
    key: 'GT-partners',
    reference: 'CONV-GT-2026-EXT',
    title: 'Carta de entendimiento con socios externos (KIND, PANI): asistencia legal y protección',
    partyKeys: ['GT-CNR-GUA', 'US-KIND', 'CR-PANI'],
    purposes: ['protection', 'family_reunification'],
    categories: BASIC,
  },
];

const child = (
  firstNames: string,
  lastNames: string,
  dateOfBirth: string,
  sex: 'female' | 'male',
  languages = ['es'],
): DemoChild => ({ firstNames, lastNames, dateOfBirth, sex, languages });

const allPurposes = (recipientKeys: string[], extra: string[] = []) => ({
  purposes: ['case_management', 'health_care', 'protection', 'education', 'documentation', ...extra],
  recipientKeys,
  categories: [...BASIC, 'documents', 'health', 'protection_concerns'],
});

export const DEMO_CASES: DemoCase[] = [
  // Guatemala: Casa Nuestras Raíces, every phase.
  {
    key: 'GT-01',
    agencyKey: 'GT-CNR-GUA',
    countryCode: 'GT',
    child: child('María José', 'Ficticia López', '2011-04-12', 'female'),
    phase: 'registration',
    risk: 'high',
    returnedDay: 0,
    returnedFrom: 'MX',
    meansOfReturn: 'land',
    accompaniment: 'unaccompanied',
    concerns: ['violence', 'family_separation'],
    needs: ['food', 'shelter', 'family_contact'],
  },
  {
    key: 'GT-02',
    agencyKey: 'GT-CNR-GUA',
    countryCode: 'GT',
    child: child('Diego Alejandro', 'Ficticio Ajú', '2009-09-03', 'male', ['es', 'quc']),
    phase: 'assessment',
    risk: 'medium',
    returnedDay: -3,
    returnedFrom: 'US',
    meansOfReturn: 'air',
    accompaniment: 'separated',
    concerns: ['lack_of_documentation'],
    needs: ['transport'],
    consent: allPurposes(['GT-RENAP']),
  },
  {
    key: 'GT-03',
    agencyKey: 'GT-CNR-GUA',
    countryCode: 'GT',
    child: child('Ana Sofía', 'Ficticia Xol', '2012-01-20', 'female', ['es', 'kek']),
    phase: 'case_plan',
    risk: 'low',
    returnedDay: -12,
    returnedFrom: 'MX',
    meansOfReturn: 'land',
    accompaniment: 'accompanied',
    concerns: ['school_dropout'],
    needs: ['clothing'],
    consent: allPurposes(['CR-PANI']),
  },
  {
    key: 'GT-04',
    agencyKey: 'GT-CNR-GUA',
    countryCode: 'GT',
    child: child('Kevin Josué', 'Ficticio Tzul', '2008-06-30', 'male'),
    phase: 'implementation',
    risk: 'high',
    returnedDay: -40,
    returnedFrom: 'US',
    meansOfReturn: 'air',
    accompaniment: 'unaccompanied',
    concerns: ['gang_threat', 'psychosocial_distress'],
    needs: ['psychological_first_aid', 'legal_assistance'],
    consent: allPurposes(['GT-CNR-GUA', 'GT-MSPAS', 'US-KIND']),
  },
  {
    key: 'GT-05',
    agencyKey: 'GT-CNR-GUA',
    countryCode: 'GT',
    child: child('Luis Fernando', 'Ficticio Pop', '2010-11-08', 'male', ['es', 'mam']),
    phase: 'follow_up',
    risk: 'medium',
    returnedDay: -100,
    returnedFrom: 'MX',
    meansOfReturn: 'land',
    accompaniment: 'unaccompanied',
    concerns: ['child_labour', 'school_dropout'],
    needs: ['food', 'transport'],
    consent: allPurposes(['GT-MINEDUC', 'GT-MSPAS']),
  },
  {
    key: 'GT-06',
    agencyKey: 'GT-CNR-GUA',
    countryCode: 'GT',
    child: child('Gabriela', 'Ficticia Cux', '2010-02-14', 'female'),
    phase: 'closed',
    risk: 'low',
    returnedDay: -160,
    returnedFrom: 'US',
    meansOfReturn: 'air',
    accompaniment: 'accompanied',
    concerns: ['family_separation'],
    needs: ['family_contact'],
    closed: { reason: 'goals_met', day: -30 },
  },
  {
    key: 'GT-07',
    agencyKey: 'GT-CNR-GUA',
    countryCode: 'GT',
    child: child('Carlos Enrique', 'Ficticio Morán', '2007-12-01', 'male'),
    phase: 'closed',
    risk: 'medium',
    returnedDay: -150,
    returnedFrom: 'MX',
    meansOfReturn: 'land',
    accompaniment: 'separated',
    concerns: ['smuggling'],
    needs: ['shelter'],
    closed: { reason: 'turned_of_age', day: -10 },
  },
  // Honduras: Centro Belén.
  {
    key: 'HN-01',
    agencyKey: 'HN-CANFM',
    countryCode: 'HN',
    child: child('Dania Marisol', 'Ficticia Zelaya', '2013-05-22', 'female'),
    phase: 'assessment',
    risk: 'high',
    returnedDay: -2,
    returnedFrom: 'MX',
    meansOfReturn: 'land',
    accompaniment: 'unaccompanied',
    concerns: ['trafficking', 'sexual_violence'],
    needs: ['medical_care', 'psychological_first_aid'],
  },
  {
    key: 'HN-02',
    agencyKey: 'HN-CANFM',
    countryCode: 'HN',
    child: child('José Ramón', 'Ficticio Cálix', '2009-08-17', 'male'),
    phase: 'implementation',
    risk: 'medium',
    returnedDay: -25,
    returnedFrom: 'US',
    meansOfReturn: 'air',
    accompaniment: 'separated',
    concerns: ['family_separation'],
    needs: ['family_contact'],
    consent: allPurposes(['GT-PGN-PNA', 'HN-SESAL'], ['family_reunification', 'cross_border_follow_up']),
  },
  {
    key: 'HN-03',
    agencyKey: 'HN-CANFM',
    countryCode: 'HN',
    child: child('Nohelia', 'Ficticia Banegas', '2011-10-05', 'female'),
    phase: 'follow_up',
    risk: 'low',
    returnedDay: -120,
    returnedFrom: 'MX',
    meansOfReturn: 'land',
    accompaniment: 'accompanied',
    concerns: ['school_dropout'],
    needs: ['clothing'],
    consent: allPurposes(['HN-SEDUC']),
  },
  {
    key: 'HN-04',
    agencyKey: 'HN-CANFM',
    countryCode: 'HN',
    child: child('Elvin Adonay', 'Ficticio Reyes', '2008-03-11', 'male'),
    phase: 'closed',
    risk: 'high',
    returnedDay: -140,
    returnedFrom: 'US',
    meansOfReturn: 'air',
    accompaniment: 'unaccompanied',
    concerns: ['gang_threat'],
    needs: ['shelter'],
    closed: { reason: 'lost_contact', day: -20 },
  },
  // El Salvador and Mexico: regional aggregates have more than two countries.
  {
    key: 'SV-01',
    agencyKey: 'SV-DAMI',
    countryCode: 'SV',
    child: child('Katherine Abigail', 'Ficticia Portillo', '2012-07-09', 'female'),
    phase: 'case_plan',
    risk: 'medium',
    returnedDay: -9,
    returnedFrom: 'MX',
    meansOfReturn: 'air',
    accompaniment: 'separated',
    concerns: ['violence'],
    needs: ['psychological_first_aid'],
  },
  {
    key: 'MX-01',
    agencyKey: 'MX-DIF-CHIS-TAP',
    countryCode: 'MX',
    child: child('Brayan Estuardo', 'Ficticio Chávez', '2010-04-27', 'male'),
    phase: 'implementation',
    risk: 'high',
    returnedDay: -18,
    returnedFrom: 'US',
    meansOfReturn: 'land',
    accompaniment: 'unaccompanied',
    concerns: ['detention', 'family_separation'],
    needs: ['consular_assistance'],
    consent: {
      purposes: ['case_management', 'family_reunification', 'cross_border_follow_up'],
      recipientKeys: ['GT-PGN-PNA'],
      categories: [...BASIC, 'protection_concerns'],
    },
  },
];

export const DEMO_REFERRALS: DemoReferral[] = [
  {
    key: 'GT-04/psychosocial',
    caseKey: 'GT-04',
    recipientKey: 'GT-CNR-GUA',
    kind: 'internal',
    serviceType: 'psychosocial_support',
    purpose: 'case_management',
    urgency: 'priority',
    reason: 'Acompañamiento psicosocial semanal en el centro',
    categories: ['identification', 'case_summary'],
    steps: [
      { to: 'dispatched', day: -38 },
      { to: 'delivered', day: -38 },
      { to: 'accepted', day: -37 },
      { to: 'in_progress', day: -35 },
    ],
  },
  {
    key: 'GT-04/health',
    caseKey: 'GT-04',
    recipientKey: 'GT-MSPAS',
    kind: 'national',
    serviceType: 'health_care',
    purpose: 'health_care',
    urgency: 'priority',
    reason: 'Evaluación médica general y esquema de vacunación',
    categories: ['identification', 'contact', 'case_summary'],
    steps: [
      { to: 'dispatched', day: -36 },
      { to: 'delivered', day: -36 },
      { to: 'accepted', day: -34 },
    ],
  },
  {
    key: 'GT-04/legal',
    caseKey: 'GT-04',
    recipientKey: 'US-KIND',
    kind: 'external',
    serviceType: 'legal_assistance',
    purpose: 'protection',
    urgency: 'routine',
    reason: 'Seguimiento de su caso migratorio pendiente en Estados Unidos',
    categories: ['identification', 'case_summary'],
    steps: [
      { to: 'dispatched', day: -2 },
      { to: 'delivered', day: -2 },
    ],
    responseDays: 10,
  },
  {
    key: 'GT-05/school',
    caseKey: 'GT-05',
    recipientKey: 'GT-MINEDUC',
    kind: 'national',
    serviceType: 'education_enrollment',
    purpose: 'education',
    urgency: 'routine',
    reason: 'Reinscripción en sexto primaria',
    categories: ['identification', 'case_summary'],
    steps: [
      { to: 'dispatched', day: -90 },
      { to: 'delivered', day: -90 },
      { to: 'accepted', day: -88 },
      { to: 'in_progress', day: -80 },
      { to: 'completed', day: -60 },
    ],
    outcome: 'Inscrito en la escuela oficial de su aldea; asiste con regularidad',
  },
  {
    key: 'GT-05/health',
    caseKey: 'GT-05',
    recipientKey: 'GT-MSPAS',
    kind: 'national',
    serviceType: 'health_care',
    purpose: 'health_care',
    urgency: 'routine',
    reason: 'Control de crecimiento y nutrición',
    categories: ['identification', 'contact', 'case_summary'],
    steps: [{ to: 'dispatched', day: -1 }],
    responseDays: 10,
  },
  {
    key: 'GT-02/documents',
    caseKey: 'GT-02',
    recipientKey: 'GT-RENAP',
    kind: 'national',
    serviceType: 'civil_registration',
    purpose: 'documentation',
    urgency: 'routine',
    reason: 'Reposición del certificado de nacimiento',
    categories: ['identification'],
    steps: [],
  },
  {
    key: 'GT-03/protection',
    caseKey: 'GT-03',
    recipientKey: 'CR-PANI',
    kind: 'external',
    serviceType: 'special_protection_measures',
    purpose: 'protection',
    urgency: 'priority',
    reason: 'Verificación de la situación de un hermano que permanece en Costa Rica',
    categories: ['identification', 'case_summary'],
    steps: [
      { to: 'dispatched', day: -5 },
      { to: 'delivery_failed', day: -4, reason: 'the partner system did not answer after 8 attempts' },
    ],
    responseDays: 3,
    escalated: 1,
  },
  {
    key: 'HN-02/reunification',
    caseKey: 'HN-02',
    recipientKey: 'GT-PGN-PNA',
    kind: 'cross_border',
    serviceType: 'family_reunification',
    purpose: 'family_reunification',
    urgency: 'priority',
    reason: 'Localizar y evaluar a la tía materna en Quetzaltenango',
    categories: ['identification', 'contact', 'case_summary'],
    steps: [
      { to: 'dispatched', day: -6 },
      { to: 'delivered', day: -6 },
    ],
    responseDays: 3,
    escalated: 1,
  },
  {
    key: 'HN-02/health',
    caseKey: 'HN-02',
    recipientKey: 'HN-SESAL',
    kind: 'national',
    serviceType: 'health_care',
    purpose: 'health_care',
    urgency: 'routine',
    reason: 'Atención odontológica',
    categories: ['identification', 'case_summary'],
    steps: [
      { to: 'dispatched', day: -20 },
      { to: 'delivered', day: -20 },
      { to: 'rejected', day: -18, reason: 'El servicio no está disponible en el municipio del niño' },
    ],
  },
  {
    key: 'HN-03/school',
    caseKey: 'HN-03',
    recipientKey: 'HN-SEDUC',
    kind: 'national',
    serviceType: 'education_enrollment',
    purpose: 'education',
    urgency: 'routine',
    reason: 'Matrícula en el centro básico más cercano',
    categories: ['identification', 'case_summary'],
    steps: [
      { to: 'dispatched', day: -110 },
      { to: 'delivered', day: -110 },
      { to: 'accepted', day: -109 },
      { to: 'completed', day: -95 },
    ],
    outcome: 'Matriculada; recibe útiles escolares',
  },
  {
    key: 'MX-01/reunification',
    caseKey: 'MX-01',
    recipientKey: 'GT-PGN-PNA',
    kind: 'cross_border',
    serviceType: 'family_reunification',
    purpose: 'family_reunification',
    urgency: 'emergency',
    reason: 'Retorno asistido con su padre en Huehuetenango',
    categories: ['identification', 'contact', 'case_summary'],
    steps: [
      { to: 'dispatched', day: -15 },
      { to: 'delivered', day: -15 },
      { to: 'cancelled', day: -14, reason: 'El padre se presentó en el albergue; reunificación local' },
    ],
  },
];

/** Follow-ups: overdue at each escalation level (due dates past the policy thresholds of 1, 3 and 7 days). */
export const DEMO_FOLLOW_UPS: DemoFollowUp[] = [
  {
    key: 'GT-04/next',
    caseKey: 'GT-04',
    type: 'home_visit',
    kind: 'interval',
    dueDay: 3,
    status: 'scheduled',
  },
  {
    key: 'GT-04/done',
    caseKey: 'GT-04',
    type: 'phone',
    kind: 'interval',
    dueDay: -4,
    status: 'completed',
    notes: 'Contacto con la abuela; asiste a las sesiones',
  },
  {
    key: 'GT-05/overdue-0',
    caseKey: 'GT-05',
    type: 'school',
    kind: 'interval',
    dueDay: -0.5,
    status: 'scheduled',
    escalated: 0,
  },
  {
    key: 'GT-05/checkpoint-3mo',
    caseKey: 'GT-05',
    type: 'home_visit',
    kind: 'checkpoint',
    dueDay: -10,
    status: 'scheduled',
    escalated: 3,
  },
  {
    key: 'GT-05/checkpoint-1mo',
    caseKey: 'GT-05',
    type: 'home_visit',
    kind: 'checkpoint',
    dueDay: -70,
    status: 'completed',
    notes: 'Visita realizada con la madre',
  },
  {
    key: 'HN-03/overdue-1',
    caseKey: 'HN-03',
    type: 'phone',
    kind: 'interval',
    dueDay: -2,
    status: 'scheduled',
    escalated: 1,
  },
  {
    key: 'HN-03/overdue-2',
    caseKey: 'HN-03',
    type: 'home_visit',
    kind: 'checkpoint',
    dueDay: -5,
    status: 'scheduled',
    escalated: 2,
  },
  {
    key: 'HN-03/missed',
    caseKey: 'HN-03',
    type: 'home_visit',
    kind: 'interval',
    dueDay: -35,
    status: 'missed',
  },
  {
    key: 'HN-03/checkpoint-1mo',
    caseKey: 'HN-03',
    type: 'home_visit',
    kind: 'checkpoint',
    dueDay: -90,
    status: 'completed',
    notes: 'Visita en casa; asiste a clases',
  },
  { key: 'HN-02/next', caseKey: 'HN-02', type: 'office', kind: 'interval', dueDay: 6, status: 'scheduled' },
  { key: 'MX-01/next', caseKey: 'MX-01', type: 'phone', kind: 'interval', dueDay: 2, status: 'scheduled' },
  // The closed case under post-closure monitoring: checkpoints 3 and 6 months after closure.
  {
    key: 'GT-06/post-closure-3mo',
    caseKey: 'GT-06',
    type: 'home_visit',
    kind: 'post_closure',
    dueDay: 60,
    status: 'scheduled',
  },
  {
    key: 'GT-06/post-closure-6mo',
    caseKey: 'GT-06',
    type: 'phone',
    kind: 'post_closure',
    dueDay: 150,
    status: 'scheduled',
  },
];

export const DEMO_MEASUREMENTS: DemoMeasurement[] = [
  {
    key: 'GT-05/1mo',
    caseKey: 'GT-05',
    day: -70,
    checkpoint: '1mo',
    answers: {
      school_enrolled_attending: 'partly',
      family_livelihood: '1',
      identity_documents: 'no',
      health_access: 'partly',
      safe_housing: '2',
      family_relationship: '2',
      feels_safe: '1',
      sense_of_belonging: '2',
      psychosocial_wellbeing: '1',
      wish_to_remigrate: '3',
    },
  },
  {
    key: 'GT-05/3mo',
    caseKey: 'GT-05',
    day: -12,
    checkpoint: '3mo',
    answers: {
      school_enrolled_attending: 'yes',
      family_livelihood: '2',
      identity_documents: 'yes',
      health_access: 'yes',
      safe_housing: '3',
      family_relationship: '3',
      feels_safe: '3',
      sense_of_belonging: '3',
      psychosocial_wellbeing: '3',
      wish_to_remigrate: '1',
    },
  },
  {
    key: 'HN-03/1mo',
    caseKey: 'HN-03',
    day: -90,
    checkpoint: '1mo',
    answers: {
      school_enrolled_attending: 'yes',
      family_livelihood: '2',
      identity_documents: 'yes',
      health_access: 'partly',
      safe_housing: '2',
      family_relationship: '3',
      feels_safe: '2',
      sense_of_belonging: '3',
      psychosocial_wellbeing: '2',
      wish_to_remigrate: '2',
    },
  },
  {
    key: 'GT-06/6mo',
    caseKey: 'GT-06',
    day: -35,
    checkpoint: '3mo',
    answers: {
      school_enrolled_attending: 'yes',
      family_livelihood: '3',
      identity_documents: 'yes',
      health_access: 'yes',
      safe_housing: '4',
      family_relationship: '4',
      feels_safe: '4',
      sense_of_belonging: '3',
      psychosocial_wellbeing: '3',
      wish_to_remigrate: '0',
    },
  },
];

export const DEMO_INTERVIEWS: DemoInterview[] = [
  {
    key: 'GT-04/intake',
    caseKey: 'GT-04',
    day: -40,
    purpose: 'Entrevista de registro',
    topics: ['identity', 'family'],
  },
  {
    key: 'GT-04/assessment',
    caseKey: 'GT-04',
    day: -39,
    purpose: 'Evaluación inicial',
    topics: ['migration_journey', 'family'],
    repeatedTopics: ['family'],
    repeatReason: 'Contradicciones sobre quién lo recibe en su comunidad',
  },
  {
    key: 'HN-01/intake',
    caseKey: 'HN-01',
    day: -2,
    purpose: 'Entrevista de registro',
    topics: ['identity', 'family'],
  },
  {
    key: 'MX-01/intake',
    caseKey: 'MX-01',
    day: -18,
    purpose: 'Entrevista de registro',
    topics: ['identity'],
  },
];
