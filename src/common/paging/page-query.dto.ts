import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from './page';

// Digits only become a number; anything else stays as sent and fails @IsInt (no "1e2" or " 5").
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value;

/**
 * The paging parameters every list takes (extend it, or IntersectionType it with the list's
 * filters). The cursor is checked by the list's codec (cursor.ts), so that every bad cursor,
 * whatever is wrong with it, gets the same answer.
 */
export class PageQuery {
  @ApiPropertyOptional({
    type: String,
    description:
      'The `nextCursor` of the previous page of this same list (with the same filters); omit it for the first page.',
    example:
      'WyJjYXNlcyIsIjIwMjYtMDMtMDFUMTA6MDA6MDAuMDAwWiIsIjBiNmYxZjRlLTlhNTEtNGMxZS04ZDdlLTNmMmExYzViN2U5MCJd',
  })
  @IsOptional()
  @Allow()
  cursor?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: PAGE_LIMIT_MAX,
    default: PAGE_LIMIT_DEFAULT,
    description: 'Items per page.',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit?: number;
}
