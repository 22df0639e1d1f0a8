import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Authorize } from '../../authz/authorize.decorator';
import { ChildMatchingService } from './child-matching.service';
import { ChildMatchesQuery } from './register-case.dto';

@ApiTags('cases')
@Controller('api/v1/children')
export class ChildrenController {
  constructor(private readonly matching: ChildMatchingService) {}

  @Get('matches')
  @Authorize('search', 'Child')
  @ApiOperation({
    summary: 'Possible records of the same child (fuzzy names, birth year or age ±1 year, nationality)',
    description:
      'Candidates carry a banded similarity (high / medium / low, no score) and operational fields; names only where the caller may read one of the child’s cases.',
  })
  matches(@CurrentActor() actor: Actor, @Query() q: ChildMatchesQuery) {
    return this.matching.search(actor, q);
  }
}
