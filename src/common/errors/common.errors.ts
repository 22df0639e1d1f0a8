import { defineErrors } from './app-error';

/** Errors that belong to no single module. */
export const CommonErrors = defineErrors({
  VALIDATION_FAILED: {
    status: 400,
    title: { es: 'La solicitud tiene datos inválidos', en: 'The request has invalid data' },
    detail: { es: 'Revise los campos señalados.', en: 'Check the fields listed.' },
  },
  MALFORMED_REQUEST: {
    status: 400,
    title: { es: 'Solicitud mal formada', en: 'Malformed request' },
    detail: {
      es: 'El cuerpo no es JSON válido o no se pudo leer.',
      en: 'The body is not valid JSON or could not be read.',
    },
  },
  UNSTORABLE_VALUE: {
    status: 400,
    title: { es: 'Un valor no se puede guardar', en: 'A value cannot be stored' },
    detail: {
      es: 'Algún texto tiene caracteres no válidos o algún número está fuera de rango.',
      en: 'Some text has invalid characters or some number is out of range.',
    },
  },
  UNAUTHENTICATED: {
    status: 401,
    title: { es: 'Se requiere autenticación', en: 'Authentication required' },
    detail: {
      es: 'Inicie sesión y envíe un token de acceso válido.',
      en: 'Sign in and send a valid access token.',
    },
  },
  FORBIDDEN: {
    status: 403,
    title: { es: 'Acceso denegado', en: 'Access denied' },
    detail: {
      es: 'Su rol no permite esta acción sobre este registro.',
      en: 'Your role does not allow this action on this record.',
    },
  },
  NOT_FOUND: {
    status: 404,
    title: { es: 'No encontrado', en: 'Not found' },
    detail: { es: 'El recurso solicitado no existe.', en: 'The requested resource does not exist.' },
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    title: { es: 'Ruta inexistente', en: 'No such route' },
    detail: { es: 'No existe la ruta {method} {path}.', en: 'There is no route {method} {path}.' },
  },
  STALE_VERSION: {
    status: 409,
    title: { es: 'El registro cambió', en: 'The record has changed' },
    detail: {
      es: 'Se actualizó sobre la versión {expected}, pero la actual es {actual}. Recargue y vuelva a intentar.',
      en: 'The update was based on version {expected}, but the current one is {actual}. Reload and try again.',
    },
  },
  CONFLICT: {
    status: 409,
    title: { es: 'Conflicto', en: 'Conflict' },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: { es: 'Solicitud demasiado grande', en: 'Request too large' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: { es: 'Tipo de contenido no admitido', en: 'Unsupported content type' },
    detail: { es: 'Envíe application/json.', en: 'Send application/json.' },
  },
  RATE_LIMITED: {
    status: 429,
    title: { es: 'Demasiadas solicitudes', en: 'Too many requests' },
  },
  INTERNAL: {
    status: 500,
    title: { es: 'Error interno', en: 'Internal error' },
    detail: {
      es: 'Ocurrió un error inesperado. Indique el identificador de solicitud {requestId} al soporte.',
      en: 'An unexpected error occurred. Quote request id {requestId} to support.',
    },
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: { es: 'Servicio no disponible', en: 'Service unavailable' },
    detail: { es: 'Intente de nuevo en unos momentos.', en: 'Try again in a moment.' },
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    title: { es: 'Base de datos no disponible', en: 'Database unavailable' },
    detail: {
      es: 'La base de datos no está disponible en este momento. Intente de nuevo en {retryAfterSeconds} s.',
      en: 'The database is not available right now. Try again in {retryAfterSeconds} s.',
    },
  },
});
