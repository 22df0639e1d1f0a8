import { defineErrors } from '../common/errors/app-error';

export const FollowUpErrors = defineErrors({
  FOLLOW_UP_NOT_FOUND: {
    status: 404,
    title: { es: 'Seguimiento no encontrado', en: 'Follow-up not found' },
  },
  FOLLOW_UP_CASE_NOT_FOUND: {
    status: 404,
    title: { es: 'Caso no encontrado', en: 'Case not found' },
  },
  FOLLOW_UP_NOT_SCHEDULED: {
    status: 409,
    title: { es: 'El seguimiento ya no está programado', en: 'The follow-up is no longer scheduled' },
    detail: {
      es: 'El seguimiento está en estado {status}; solo un seguimiento programado puede registrarse o cancelarse.',
      en: 'The follow-up is {status}; only a scheduled follow-up can be recorded or cancelled.',
    },
  },
  FOLLOW_UP_INVALID_RESPONSIBLE: {
    status: 422,
    title: { es: 'Responsable no válido', en: 'Invalid responsible party' },
    detail: {
      es: 'La institución o la persona responsable no existe, no está activa o no pertenecen entre sí.',
      en: 'The responsible agency or user does not exist, is not active, or they do not belong together.',
    },
  },
});
