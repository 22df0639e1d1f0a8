import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { CRM_COUNTRIES } from '../common/crm-countries';
import { AGENCY_TYPES } from './agency.entity';
import { DirectorySearchService } from './directory-search.service';
import { DirectorySearchQuery, IdParam } from './directory.dto';
import { ServiceTypeCatalog } from './service-types';

@ApiTags('directory')
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(
    private readonly search: DirectorySearchService,
    private readonly serviceTypes: ServiceTypeCatalog,
  ) {}

  @Get('countries')
  @Authorize('read', 'DirectoryReference')
  @ApiOperation({ summary: 'The 11 CRM member countries (ISO code, Spanish and English names)' })
  countries() {
    return { items: CRM_COUNTRIES };
  }

  @Get('service-types')
  @Authorize('read', 'DirectoryReference')
  @ApiOperation({ summary: 'Service types agencies offer, with the data categories each needs' })
  services() {
    return { items: this.serviceTypes.all() };
  }

  @Get('agency-types')
  @Authorize('read', 'DirectoryReference')
  @ApiOperation({ summary: 'Agency types' })
  agencyTypes() {
    return { items: AGENCY_TYPES };
  }

  @Get('agencies')
  @Authorize('search', 'Agency')
  @ApiOperation({
    summary: 'Search active agencies to refer to (caseworkers, supervisors, focal points)',
    description:
      'Filters by country, type, service and name; keyset-paged by name (pass nextCursor as cursor).',
  })
  agencies(@CurrentActor() actor: Actor, @Query() q: DirectorySearchQuery) {
    return this.search.search(actor, q);
  }

  @Get('agencies/:id')
  @Authorize('search', 'Agency')
  @ApiOperation({ summary: 'One active agency with its focal points' })
  agency(@CurrentActor() actor: Actor, @Param() p: IdParam) {
    return this.search.get(actor, p.id);
  }
}
