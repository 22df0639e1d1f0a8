import { ParseUUIDPipe } from '@nestjs/common';
import { CommonErrors } from '../common/errors/common.errors';

/** A UUID path parameter; anything else is a 400 naming the parameter, not a 500 from PostgreSQL. */
export const uuidParam = (field: string): ParseUUIDPipe =>
  new ParseUUIDPipe({
    exceptionFactory: () => CommonErrors.VALIDATION_FAILED({}, [{ field, code: 'isUUID' }]),
  });
