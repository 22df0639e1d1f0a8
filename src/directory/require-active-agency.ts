import { CommonErrors } from '../common/errors/common.errors';
import { Agency } from './agency.entity';

/** Users are created at, moved to and granted roles at active agencies only. */
export function requireActive(agency: Agency): void {
  if (!agency.active)
    throw CommonErrors.VALIDATION_FAILED({}, [
      {
        field: 'agencyId',
        code: 'agencyInactive',
        message: { es: 'La institución está desactivada.', en: 'The agency is deactivated.' },
      },
    ]);
}
