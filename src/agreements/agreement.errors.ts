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
  AGREEMENT_NOT_PENDING: {
    status: 409,
    title: { es: 'El convenio no espera aprobación', en: 'The agreement is not awaiting approval' },
    detail: {
      es: 'Solo se aprueba un convenio pendiente de aprobación; este está en estado {status}.',
      en: 'Only an agreement pending approval can be approved; this one is {status}.',
    },
  },
  AGREEMENT_ALREADY_APPROVED: {
    status: 409,
    title: { es: 'Su país ya aprobó el convenio', en: 'Your country has already approved the agreement' },
    detail: {
      es: '{country} ya aprobó los términos vigentes de este convenio.',
      en: '{country} has already approved the current terms of this agreement.',
    },
  },
  AGREEMENT_INVALID: {
    status: 422,
    title: { es: 'El convenio no es válido', en: 'The agreement is not valid' },
    detail: { es: 'Revise los campos señalados.', en: 'Check the fields listed.' },
  },
});
