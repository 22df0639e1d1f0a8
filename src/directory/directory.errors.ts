import { defineErrors } from '../common/errors/app-error';

export const DirectoryErrors = defineErrors({
  AGENCY_NOT_FOUND: {
    status: 404,
    title: { es: 'Institución no encontrada', en: 'Agency not found' },
    detail: { es: 'No existe la institución {id}.', en: 'There is no agency {id}.' },
  },
  USER_NOT_FOUND: {
    status: 404,
    title: { es: 'Usuario no encontrado', en: 'User not found' },
    detail: { es: 'No existe el usuario {id}.', en: 'There is no user {id}.' },
  },
  EMAIL_TAKEN: {
    status: 409,
    title: { es: 'Correo ya registrado', en: 'Email already registered' },
    detail: {
      es: 'Ya existe un usuario con ese correo.',
      en: 'A user with that email already exists.',
    },
  },
  INVALID_CURSOR: {
    status: 400,
    title: { es: 'Cursor no válido', en: 'Invalid cursor' },
    detail: {
      es: 'Use el valor nextCursor de la página anterior.',
      en: 'Use the nextCursor value of the previous page.',
    },
  },
});
