import { defineErrors } from '../common/errors/app-error';

export const AgreementErrors = defineErrors({
  AGREEMENT_NOT_FOUND: {
    status: 404,
    title: { es: 'Convenio no encontrado', en: 'Agreement not found' },
  },
  AGREEMENT_OUTSIDE_SCOPE: {
    status: 403,
    title: { es: 'El convenio no involucra a su país', en: 'The agreement does not involve your country' },
    detail: {
      es: 'Solo puede gestionar convenios en los que participa {country} o una de sus instituciones.',
      en: 'You may only manage agreements in which {country} or one of its agencies is a party.',
    },
  },
  AGREEMENT_INVALID: {
    status: 422,
    title: { es: 'El convenio no es válido', en: 'The agreement is not valid' },
    detail: { es: 'Revise los campos señalados.', en: 'Check the fields listed.' },
  },
});
