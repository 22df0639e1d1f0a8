import { defineErrors, FieldIssue } from '../common/errors/app-error';

/** A field issue with its own message, for checks class-validator cannot make. */
export function issue(field: string, code: string, es: string, en: string): FieldIssue {
  return { field, code, message: { es, en } };
}

export const CaseErrors = defineErrors({
  POSSIBLE_DUPLICATES: {
    status: 409,
    title: { es: 'Posibles registros del mismo niño', en: 'Possible records of the same child' },
    detail: {
      es: 'Se encontraron {count} posibles coincidencias. Vincule el nuevo ingreso a un registro existente o confirme que es otro niño (duplicateCheck).',
      en: 'Found {count} possible matches. Link the new reception to an existing record or confirm it is a different child (duplicateCheck).',
    },
  },
  CASE_NOT_FOUND: {
    status: 404,
    title: { es: 'Caso no encontrado', en: 'Case not found' },
  },
  RECORD_NOT_FOUND: {
    status: 404,
    title: { es: 'Registro no encontrado en este caso', en: 'Record not found in this case' },
  },
  UNREVIEWED_CANDIDATES: {
    status: 409,
    title: { es: 'Coincidencias sin revisar', en: 'Unreviewed matches' },
    detail: {
      es: 'Hay coincidencias que no se revisaron; revíselas antes de confirmar que es otro niño.',
      en: 'Some matches were not reviewed; review them before confirming this is a different child.',
    },
  },
  LINK_NOT_A_CANDIDATE: {
    status: 409,
    title: { es: 'El registro no es una coincidencia', en: 'The record is not a match' },
    detail: {
      es: 'Solo se puede vincular a un registro que la búsqueda de este niño devuelve; revise las coincidencias.',
      en: 'You can only link to a record that the search for this child returns; review the matches.',
    },
  },
  CASE_CLOSED: {
    status: 409,
    title: { es: 'El caso está cerrado', en: 'The case is closed' },
    detail: { es: 'Reabra el caso para registrar cambios.', en: 'Reopen the case to record changes.' },
  },
  CASE_NOT_CLOSED: {
    status: 409,
    title: { es: 'El caso no está cerrado', en: 'The case is not closed' },
  },
  PHASE_TRANSITION_NOT_ALLOWED: {
    status: 409,
    title: { es: 'Cambio de fase no permitido', en: 'Phase change not allowed' },
    detail: { es: 'No se puede pasar de {from} a {to}.', en: 'Cannot move from {from} to {to}.' },
  },
  INVALID_STATE: {
    status: 409,
    title: { es: 'Estado no válido para esta acción', en: 'Invalid state for this action' },
    detail: { es: 'El registro está en estado {status}.', en: 'The record is in state {status}.' },
  },
  CLOSURE_PENDING: {
    status: 409,
    title: { es: 'Ya hay una solicitud de cierre pendiente', en: 'A closure request is already pending' },
  },
  NO_PENDING_CLOSURE: {
    status: 409,
    title: { es: 'No hay solicitud de cierre pendiente', en: 'No closure request is pending' },
  },
  REPEATED_TOPIC_NEEDS_REASON: {
    status: 422,
    title: { es: 'Tema ya documentado', en: 'Topic already documented' },
    detail: {
      es: 'Los temas {topics} ya están documentados; indique por qué es necesario preguntar de nuevo (repeatReason).',
      en: 'Topics {topics} are already documented; state why asking again is necessary (repeatReason).',
    },
  },
  CONSENT_ALREADY_WITHDRAWN: {
    status: 409,
    title: { es: 'El consentimiento ya fue retirado', en: 'The consent was already withdrawn' },
  },
  BID_UNDERTAKING_REQUIRED: {
    status: 403,
    title: { es: 'Falta el compromiso de confidencialidad', en: 'Confidentiality undertaking missing' },
    detail: {
      es: 'Firme el compromiso de confidencialidad antes de acceder a la determinación.',
      en: 'Sign the confidentiality undertaking before accessing the determination.',
    },
  },
  BID_PANEL_INCOMPLETE: {
    status: 409,
    title: { es: 'Panel incompleto', en: 'Panel incomplete' },
    detail: {
      es: 'Todos los miembros del panel deben firmar el compromiso de confidencialidad antes de decidir.',
      en: 'Every panel member must sign the confidentiality undertaking before deciding.',
    },
  },
  NOT_A_PANEL_MEMBER: {
    status: 403,
    title: { es: 'No es miembro del panel', en: 'Not a panel member' },
  },
  ASSIGNEE_NOT_ELIGIBLE: {
    status: 422,
    title: { es: 'Persona no elegible', en: 'User not eligible' },
    detail: {
      es: 'Solo se puede asignar a un gestor o supervisor activo de la agencia del caso.',
      en: "Only an active caseworker or supervisor of the case's agency can be assigned.",
    },
  },
  EXTENSION_NOT_ALLOWED: {
    status: 422,
    title: { es: 'Extensión no permitida', en: 'Extension not allowed' },
    detail: {
      es: 'La extensión no puede pasar de los {maxAge} años ({limit}).',
      en: 'The extension cannot go past age {maxAge} ({limit}).',
    },
  },
});
