import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { CommonErrors } from '../common/errors/common.errors';
import { issue } from './case.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids must be UUIDs: a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (!UUID.test(value))
      throw CommonErrors.VALIDATION_FAILED({}, [
        issue(meta.data ?? 'id', 'isUUID', 'Debe ser un UUID.', 'Must be a UUID.'),
      ]);
    return value;
  }
}
