import { defineErrors } from '../common/errors/app-error';

export const OperationsErrors = defineErrors({
  OPERATIONS_JOB_NOT_FOUND: {
    status: 404,
    title: { es: 'Trabajo no encontrado', en: 'Job not found' },
    detail: {
      es: 'No hay un trabajo {id} en la cola {queue} (puede haberse eliminado tras completarse).',
      en: 'There is no job {id} in queue {queue} (it may have been removed after completing).',
    },
  },
});
