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
  GRANT_NOT_FOUND: {
    status: 404,
    title: { es: 'Solicitud no encontrada', en: 'Grant not found' },
    detail: { es: 'No existe la solicitud de acceso {id}.', en: 'There is no access grant {id}.' },
  },
  GRANT_NOT_PENDING: {
    status: 409,
    title: { es: 'Solicitud ya resuelta', en: 'Grant already decided' },
    detail: {
      es: 'La solicitud de acceso ya fue {status}.',
      en: 'The access grant was already {status}.',
    },
  },
  GRANT_PENDING: {
    status: 409,
    title: { es: 'Solicitud pendiente', en: 'Grant pending' },
    detail: {
      es: 'Este usuario tiene una solicitud de acceso pendiente de aprobación; apruébela o recházela primero.',
      en: 'This user has an access grant awaiting approval; approve or reject it first.',
    },
  },
});
