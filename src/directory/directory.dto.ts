import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../common/paging/page-query.dto';
import { ROLES, Role } from '../common/role';
import { CRM_COUNTRY_CODES } from '../common/crm-countries';
import { AGENCY_TYPES, AgencyType } from './agency.entity';
import { GRANT_STATUSES, GrantStatus } from './user-grant.entity';
import { IsSigningSecretRef, SIGNING_SECRET_PREFIX } from './signing-secret-ref';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Optional but not nullable: null is validated (and rejected) like any other value. */
const Present = () => ValidateIf((_o: unknown, v: unknown) => v !== undefined);

/** A page of a list searched by name. */
class NameSearchQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Text to look for in names (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}

export class DirectorySearchQuery extends NameSearchQuery {
  @ApiPropertyOptional({ enum: CRM_COUNTRY_CODES })
  @IsOptional()
  @IsIn(CRM_COUNTRY_CODES)
  country?: string;

  @ApiPropertyOptional({ enum: AGENCY_TYPES })
  @IsOptional()
  @IsIn(AGENCY_TYPES)
  type?: AgencyType;

  @ApiPropertyOptional({ description: 'Service type code (GET /api/v1/directory/service-types)' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/)
  @MaxLength(64)
  service?: string;
}

export class AgencyListQuery extends NameSearchQuery {
  @ApiPropertyOptional({ enum: AGENCY_TYPES })
  @IsOptional()
  @IsIn(AGENCY_TYPES)
  type?: AgencyType;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/)
  @MaxLength(64)
  service?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  active?: boolean;
}

export class UserListQuery extends NameSearchQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  active?: boolean;
}

/** Fields an administrator may set on an agency. */
class AgencyFields {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  acronym?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Service type codes' })
  @Present()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  services?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{6,30}$/)
  contactPhone?: string | null;

  @ApiPropertyOptional({ description: 'false: the agency is not on Enlace and receives signed HTTP' })
  @Present()
  @IsBoolean()
  onEnlace?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'External agencies only: where referrals are POSTed' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  deliveryEndpoint?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: `External agencies only: NAME of the environment variable holding the HMAC secret; must start with ${SIGNING_SECRET_PREFIX}`,
  })
  @IsOptional()
  @IsSigningSecretRef()
  signingSecretRef?: string | null;
}

export class CreateAgencyDto extends AgencyFields {
  @ApiProperty({ enum: CRM_COUNTRY_CODES })
  @IsIn(CRM_COUNTRY_CODES)
  countryCode: string;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: AGENCY_TYPES })
  @IsIn(AGENCY_TYPES)
  type: AgencyType;
}

export class UpdateAgencyDto extends AgencyFields {
  @ApiPropertyOptional()
  @Present()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: AGENCY_TYPES })
  @Present()
  @IsIn(AGENCY_TYPES)
  type?: AgencyType;

  @ApiProperty({ description: 'The version you read; 409 STALE_VERSION if it changed since' })
  @IsInt()
  @Min(1)
  version: number;
}

export class VersionDto {
  @ApiPropertyOptional({ description: 'The version you read; 409 STALE_VERSION if it changed since' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CreateUserDto {
  @ApiProperty()
  @IsUUID()
  agencyId: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({ enum: ['es', 'en'], default: 'es' })
  @IsOptional()
  @IsIn(['es', 'en'])
  language?: 'es' | 'en';
}

export class UpdateUserDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @Present()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @Present()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @Present()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({ enum: ['es', 'en'] })
  @Present()
  @IsIn(['es', 'en'])
  language?: 'es' | 'en';
}

export class GrantListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: GRANT_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(GRANT_STATUSES)
  status?: GrantStatus;
}

export class RejectGrantDto {
  @ApiPropertyOptional({ description: 'Why (kept in the grant, shown to administrators)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class IdParam {
  @IsUUID()
  id: string;
}
