import { defineErrors } from '../common/errors/app-error';

/** Why a referral is refused or a step is not possible. Codes are stable (clients switch on them). */
export const ReferralErrors = defineErrors({
  REFERRAL_NOT_FOUND: { status: 404, title: { es: 'Referencia no encontrada', en: 'Referral not found' } },
  REFERRAL_CASE_NOT_FOUND: { status: 404, title: { es: 'Caso no encontrado', en: 'Case not found' } },
  CASE_NOT_OPEN: {
    status: 422,
    title: { es: 'El caso no está abierto', en: 'The case is not open' },
    detail: { es: 'Solo se refieren casos abiertos.', en: 'Only open cases can be referred.' },
  },
  RECIPIENT_NOT_AVAILABLE: {
    status: 422,
    title: { es: 'Institución receptora no disponible', en: 'Receiving agency not available' },
    detail: {
      es: 'La institución no existe, está inactiva o no puede recibir referencias.',
      en: 'The agency does not exist, is inactive or cannot receive referrals.',
    },
  },
  SERVICE_NOT_OFFERED: {
    status: 422,
    title: { es: 'Servicio no ofrecido', en: 'Service not offered' },
    detail: {
      es: 'La institución receptora no ofrece {serviceType}.',
      en: 'The receiving agency does not offer {serviceType}.',
    },
  },
  NO_CONSENT: {
    status: 422,
    title: { es: 'No hay consentimiento', en: 'No consent' },
    detail: {
      es: 'Indique un consentimiento vigente de este caso, o la excepción documentada de un supervisor.',
      en: 'Name a consent in force for this case, or a supervisor’s documented override.',
    },
  },
  CONSENT_WITHDRAWN: {
    status: 422,
    title: { es: 'El consentimiento fue retirado', en: 'The consent was withdrawn' },
  },
  CONSENT_EXPIRED: { status: 422, title: { es: 'El consentimiento venció', en: 'The consent has expired' } },
  CONSENT_DOES_NOT_COVER_PURPOSE: {
    status: 422,
    title: { es: 'El consentimiento no cubre este propósito', en: 'The consent does not cover this purpose' },
    detail: { es: 'Propósito: {purpose}.', en: 'Purpose: {purpose}.' },
  },
  CONSENT_DOES_NOT_COVER_RECIPIENT: {
    status: 422,
    title: {
      es: 'El consentimiento no cubre a la institución receptora',
      en: 'The consent does not cover the receiving agency',
    },
  },
  NO_AGREEMENT: {
    status: 422,
    title: { es: 'No hay convenio vigente', en: 'No agreement in force' },
    detail: {
      es: 'No hay un convenio de intercambio de datos activo entre las dos instituciones.',
      en: 'There is no active data-sharing agreement between the two agencies.',
    },
  },
  AGREEMENT_EXPIRED: {
    status: 422,
    title: { es: 'El convenio venció', en: 'The agreement has expired' },
  },
  AGREEMENT_DOES_NOT_COVER_PURPOSE: {
    status: 422,
    title: { es: 'El convenio no cubre este propósito', en: 'The agreement does not cover this purpose' },
    detail: { es: 'Propósito: {purpose}.', en: 'Purpose: {purpose}.' },
  },
  SENSITIVE_CATEGORY_NOT_CONSENTED: {
    status: 422,
    title: {
      es: 'Categoría sensible sin consentimiento',
      en: 'Sensitive category not consented',
    },
    detail: {
      es: 'Las categorías sensibles solo viajan si el consentimiento (o la excepción) las nombra: {categories}.',
      en: 'Sensitive categories travel only when the consent (or the override) names them: {categories}.',
    },
  },
  CATEGORY_NOT_SHAREABLE: {
    status: 422,
    title: { es: 'Categoría no compartible', en: 'Category cannot be shared' },
    detail: {
      es: 'No la permiten el convenio, el consentimiento o lo que necesita el servicio: {categories}.',
      en: 'Not allowed by the agreement, the consent or the service’s needs: {categories}.',
    },
  },
  NOTHING_TO_SHARE: {
    status: 422,
    title: { es: 'Nada que compartir', en: 'Nothing to share' },
    detail: {
      es: 'El convenio, el consentimiento y las necesidades del servicio no tienen categorías en común.',
      en: 'The agreement, the consent and the service’s needs have no category in common.',
    },
  },
  OVERRIDE_NOT_ALLOWED: {
    status: 403,
    title: {
      es: 'Solo un supervisor puede exceptuar el consentimiento',
      en: 'Only a supervisor may override consent',
    },
  },
  INVALID_TRANSITION: {
    status: 409,
    title: { es: 'Paso no permitido', en: 'Step not allowed' },
    detail: {
      es: 'Una referencia en estado {status} no admite «{event}».',
      en: 'A referral in status {status} does not allow "{event}".',
    },
  },
  SNAPSHOT_NOT_AVAILABLE: {
    status: 403,
    title: { es: 'Instantánea no disponible', en: 'Snapshot not available' },
    detail: {
      es: 'La instantánea solo se lee mientras la referencia está activa y el consentimiento vigente.',
      en: 'The snapshot can be read only while the referral is active and its consent stands.',
    },
  },
  INBOUND_UNAUTHENTICATED: {
    status: 401,
    title: { es: 'Firma inválida', en: 'Invalid signature' },
    detail: { es: '{why}', en: '{why}' },
  },
  INBOUND_REPLAYED: {
    status: 409,
    title: { es: 'Solicitud repetida', en: 'Replayed request' },
    detail: {
      es: 'Esta firma ya fue recibida; firme de nuevo con una marca de tiempo actual.',
      en: 'This signature was already received; sign again with a fresh timestamp.',
    },
  },
});
