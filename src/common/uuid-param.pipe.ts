import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { CommonErrors } from './errors/common.errors';

/**
 * A UUID path parameter (any RFC 9562 version, or the nil or max UUID): `@Param('id', UuidParam)`.
 * Anything else is a 400 naming the parameter, never a database error.
 */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (!isUUID(value, 'all'))
      throw CommonErrors.VALIDATION_FAILED({}, [{ field: meta.data ?? 'id', code: 'isUUID' }]);
    return value;
  }
}
