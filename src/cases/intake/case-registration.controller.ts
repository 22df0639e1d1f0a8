import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Authorize } from '../../authz/authorize.decorator';
import { CaseErrors } from '../case.errors';
import { CaseRegistrationService } from './case-registration.service';
import { RegisterCaseDto } from './register-case.dto';

/** `POST /cases`: registration opens a case; the case's lifecycle is cases.controller.ts. */
@ApiTags('cases')
@Controller('api/v1/cases')
export class CaseRegistrationController {
  constructor(private readonly registration: CaseRegistrationService) {}

  @Post()
  @Authorize('create', 'Case')
  @ApiOperation({
    summary: 'Register a child (reception event + child + case)',
    description:
      'Searches for the same child first: answers 409 POSSIBLE_DUPLICATES with candidates (banded similarity, operational fields) until the request carries duplicateCheck (link to one of those candidates, or different_child with every candidate reviewed). A linked case shows what this registration recorded and the child’s other cases as operational references.',
  })
  async register(@CurrentActor() actor: Actor, @Body() dto: RegisterCaseDto) {
    const result = await this.registration.register(actor, dto);
    if (result.kind === 'duplicates') {
      throw CaseErrors.POSSIBLE_DUPLICATES({ count: result.candidates.length }, [], {
        candidates: result.candidates,
      });
    }
    const { kind: _kind, ...body } = result;
    return body;
  }
}
