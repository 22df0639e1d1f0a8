/**
 * The fixed code lists of the API (states and kinds the code itself acts on, so not configurable
 * like config/vocabularies), with their es/en labels, served beside the configurable vocabularies
 * so a client builds every form and status badge from one call. Each list is the domain's own
 * constant, code for code, in the same order (test/vocabularies/vocabularies.e2e-spec.ts holds
 * them together).
 */
export interface CodeLabel {
  code: string;
  es: string;
  en: string;
}

const l = (code: string, es: string, en: string): CodeLabel => ({ code, es, en });

export const CODE_LISTS = {
  'case-phases': [
    l('registration', 'Registro', 'Registration'),
    l('assessment', 'Evaluación', 'Assessment'),
    l('case_plan', 'Plan de caso', 'Case plan'),
    l('implementation', 'Implementación', 'Implementation'),
    l('follow_up', 'Seguimiento', 'Follow-up'),
    l('closed', 'Cerrado', 'Closed'),
  ],
  'risk-levels': [l('high', 'Alto', 'High'), l('medium', 'Medio', 'Medium'), l('low', 'Bajo', 'Low')],
  'legal-bases': [
    l('consent', 'Consentimiento', 'Consent'),
    l('vital_interests', 'Intereses vitales', 'Vital interests'),
    l('legal_obligation', 'Obligación legal', 'Legal obligation'),
    l('public_interest', 'Interés público', 'Public interest'),
    l('best_interests', 'Interés superior del niño', "The child's best interests"),
  ],
  'closure-reasons': [
    l('goals_met', 'Objetivos del plan cumplidos', 'Plan goals met'),
    l('declined', 'La familia o el niño declinaron', 'Declined by the child or family'),
    l('turned_of_age', 'Alcanzó la mayoría de edad', 'Turned of age'),
    l('transferred', 'Transferido a otra institución', 'Transferred to another institution'),
    l('lost_contact', 'Se perdió el contacto', 'Contact lost'),
    l('re_migrated', 'Volvió a migrar', 'Migrated again'),
    l('death', 'Fallecimiento', 'Death'),
  ],
  sexes: [
    l('female', 'Femenino', 'Female'),
    l('male', 'Masculino', 'Male'),
    l('intersex', 'Intersexual', 'Intersex'),
    l('unknown', 'Desconocido', 'Unknown'),
  ],
  accompaniment: [
    l('unaccompanied', 'No acompañado', 'Unaccompanied'),
    l('separated', 'Separado', 'Separated'),
    l('accompanied', 'Acompañado', 'Accompanied'),
  ],
  'assessment-types': [
    l('initial', 'Inicial', 'Initial'),
    l('comprehensive', 'Integral', 'Comprehensive'),
    l('psychosocial', 'Psicosocial', 'Psychosocial'),
    l('best_interests', 'Interés superior', 'Best interests'),
  ],
  'consent-givers': [
    l('child', 'El niño, niña o adolescente', 'The child'),
    l('parent', 'Madre o padre', 'Parent'),
    l('guardian', 'Tutor o tutora', 'Guardian'),
    l('authority', 'Autoridad competente', 'Competent authority'),
  ],
  'bid-triggers': [
    l('durable_solution', 'Solución duradera', 'Durable solution'),
    l('separation_from_parents', 'Separación de los padres', 'Separation from parents'),
  ],
  'reintegration-dimensions': [
    l('economic_education', 'Económica y educativa', 'Economic and educational'),
    l('social', 'Social', 'Social'),
    l('psychosocial', 'Psicosocial', 'Psychosocial'),
    l('safety_family', 'Seguridad y familia', 'Safety and family'),
  ],
  'referral-urgencies': [
    l('emergency', 'Emergencia', 'Emergency'),
    l('priority', 'Prioritaria', 'Priority'),
    l('routine', 'Ordinaria', 'Routine'),
  ],
  'referral-statuses': [
    l('draft', 'Borrador', 'Draft'),
    l('dispatched', 'Enviada', 'Dispatched'),
    l('delivered', 'Entregada', 'Delivered'),
    l('delivery_failed', 'Entrega fallida', 'Delivery failed'),
    l('accepted', 'Aceptada', 'Accepted'),
    l('rejected', 'Rechazada', 'Rejected'),
    l('in_progress', 'En atención', 'In progress'),
    l('completed', 'Completada', 'Completed'),
    l('cancelled', 'Cancelada', 'Cancelled'),
  ],
  'consent-override-bases': [
    l('best_interests', 'Interés superior del niño', "The child's best interests"),
    l('vital_interests', 'Intereses vitales', 'Vital interests'),
  ],
  'follow-up-types': [
    l('home_visit', 'Visita domiciliaria', 'Home visit'),
    l('phone', 'Llamada telefónica', 'Phone call'),
    l('school', 'Visita a la escuela', 'School visit'),
    l('health', 'Control de salud', 'Health check'),
    l('office', 'Cita en oficina', 'Office appointment'),
  ],
  'follow-up-statuses': [
    l('scheduled', 'Programado', 'Scheduled'),
    l('completed', 'Realizado', 'Completed'),
    l('missed', 'No realizado', 'Missed'),
    l('cancelled', 'Cancelado', 'Cancelled'),
  ],
  'agency-types': [
    l('reception_center', 'Centro de recepción', 'Reception centre'),
    l('national_lead_unit', 'Unidad rectora nacional', 'National lead unit'),
    l('child_protection_authority', 'Autoridad de protección de la niñez', 'Child protection authority'),
    l('consulate', 'Consulado', 'Consulate'),
    l('health', 'Salud', 'Health'),
    l('education', 'Educación', 'Education'),
    l('civil_registry', 'Registro civil', 'Civil registry'),
    l('local_government', 'Gobierno local', 'Local government'),
    l('ngo', 'Organización no gubernamental', 'Non-governmental organisation'),
    l('international_organization', 'Organismo internacional', 'International organisation'),
  ],
} satisfies Record<string, CodeLabel[]>;

export type CodeListName = keyof typeof CODE_LISTS;
export const CODE_LIST_NAMES = Object.keys(CODE_LISTS) as CodeListName[];
