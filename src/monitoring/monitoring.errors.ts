import { defineErrors } from '../common/errors/app-error';

export const MonitoringErrors = defineErrors({
  METRIC_NOT_FOUND: {
    status: 404,
    title: { es: 'Métrica desconocida', en: 'Unknown metric' },
    detail: {
      es: 'La métrica {metric} no existe. Disponibles: {available}.',
      en: 'Metric {metric} does not exist. Available: {available}.',
    },
  },
  NO_DRILL_DOWN: {
    status: 404,
    title: { es: 'Sin lista de detalle', en: 'No drill-down list' },
    detail: {
      es: 'La métrica {metric} no tiene lista de detalle.',
      en: 'Metric {metric} has no drill-down list.',
    },
  },
  MONITORING_BAD_FILTER: {
    status: 400,
    title: { es: 'Filtro de monitoreo inválido', en: 'Invalid monitoring filter' },
    detail: { es: 'Revise los campos señalados.', en: 'Check the fields listed.' },
  },
  EXPORT_TOO_LARGE: {
    status: 422,
    title: { es: 'Exportación demasiado grande', en: 'Export too large' },
    detail: {
      es: 'Más de {maxRows} filas o un período de más de un año: solicítela con POST /api/v1/monitoring/exports.',
      en: 'More than {maxRows} rows or a period longer than a year: request it with POST /api/v1/monitoring/exports.',
    },
  },
  EXPORT_NOT_FOUND: {
    status: 404,
    title: { es: 'Exportación no encontrada', en: 'Export not found' },
  },
  EXPORT_NOT_READY: {
    status: 409,
    title: { es: 'La exportación no está lista', en: 'The export is not ready' },
    detail: { es: 'Estado actual: {status}.', en: 'Current status: {status}.' },
  },
});
