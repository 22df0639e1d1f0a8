import { defineErrors } from '../common/errors/app-error';

export const IdempotencyErrors = defineErrors({
  INVALID_IDEMPOTENCY_KEY: {
    status: 400,
    title: { es: 'Clave de idempotencia no válida', en: 'Invalid idempotency key' },
    detail: {
      es: 'Idempotency-Key debe tener de 1 a 255 caracteres ASCII visibles.',
      en: 'Idempotency-Key must be 1 to 255 visible ASCII characters.',
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: { es: 'Clave de idempotencia ya usada', en: 'Idempotency key already used' },
    detail: {
      es: 'Esta clave ya se usó con otra solicitud. Use una clave nueva para cada operación.',
      en: 'This key was already used with a different request. Use a new key for each operation.',
    },
  },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    status: 409,
    title: { es: 'Solicitud en curso', en: 'Request in progress' },
    detail: {
      es: 'La primera solicitud con esta clave aún no termina. Intente de nuevo en {retryAfterSeconds} s.',
      en: 'The first request with this key has not finished yet. Try again in {retryAfterSeconds} s.',
    },
  },
  IDEMPOTENCY_OUTCOME_UNKNOWN: {
    status: 409,
    title: { es: 'Resultado no disponible', en: 'Outcome not available' },
    detail: {
      es: 'La operación con esta clave se realizó, pero su respuesta no se guardó. Consulte el registro antes de repetirla con una clave nueva.',
      en: 'The operation with this key was carried out, but its answer was not kept. Look the record up before repeating it with a new key.',
    },
  },
});
