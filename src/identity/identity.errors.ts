import { defineErrors } from '../common/errors/app-error';

export const IdentityErrors = defineErrors({
  /** One answer for an unknown email, a wrong password, an inactive or a locked account. */
  INVALID_CREDENTIALS: {
    status: 401,
    title: { es: 'Credenciales no válidas', en: 'Invalid credentials' },
    detail: {
      es: 'El correo o la contraseña no son correctos, o la cuenta no puede iniciar sesión en este momento.',
      en: 'The email or password is not correct, or the account cannot sign in right now.',
    },
  },
  TOO_MANY_LOGIN_ATTEMPTS: {
    status: 429,
    title: { es: 'Demasiados intentos', en: 'Too many attempts' },
    detail: {
      es: 'Demasiados intentos de inicio de sesión desde esta dirección. Espere {retryAfterSeconds} s.',
      en: 'Too many sign-in attempts from this address. Wait {retryAfterSeconds} s.',
    },
  },
  INVALID_ACTIVATION_TOKEN: {
    status: 400,
    title: { es: 'Enlace de activación no válido', en: 'Invalid activation token' },
    detail: {
      es: 'El código de activación no es válido, ya se usó o expiró. Pida uno nuevo a su administrador.',
      en: 'The activation token is invalid, already used or expired. Ask your administrator for a new one.',
    },
  },
  INVALID_REFRESH_TOKEN: {
    status: 401,
    title: { es: 'Sesión no válida', en: 'Invalid session' },
    detail: {
      es: 'El token de renovación no es válido, expiró o fue revocado. Inicie sesión de nuevo.',
      en: 'The refresh token is invalid, expired or revoked. Sign in again.',
    },
  },
  PASSWORD_REJECTED: {
    status: 400,
    title: { es: 'Contraseña no aceptada', en: 'Password not accepted' },
    detail: {
      es: 'La contraseña no cumple las reglas señaladas.',
      en: 'The password breaks the rules listed.',
    },
  },
});
