import { defineErrors } from '../common/errors/app-error';

export const IndicatorErrors = defineErrors({
  CASE_NOT_FOUND_FOR_INDICATORS: {
    status: 404,
    title: { es: 'Caso no encontrado', en: 'Case not found' },
    detail: { es: 'No existe el caso {caseId}.', en: 'Case {caseId} does not exist.' },
  },
  INDICATOR_ANSWERS_INVALID: {
    status: 400,
    title: { es: 'Respuestas de indicadores inválidas', en: 'Invalid indicator answers' },
    detail: {
      es: 'Cada respuesta debe ser un indicador del conjunto configurado con un valor de su escala.',
      en: 'Each answer must be an indicator of the configured set with a value on its scale.',
    },
  },
  MEASUREMENT_IN_FUTURE: {
    status: 400,
    title: { es: 'Fecha de medición en el futuro', en: 'Measurement date in the future' },
    detail: {
      es: 'La medición no puede tener fecha posterior a ahora.',
      en: 'A measurement cannot be dated after now.',
    },
  },
});
