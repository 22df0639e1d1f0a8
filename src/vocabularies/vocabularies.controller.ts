import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authorize } from '../authz/authorize.decorator';
import { VocabularyErrors } from './vocabulary.errors';
import { Vocabularies } from './vocabularies.service';

@ApiTags('vocabularies')
@Controller('api/v1/vocabularies')
export class VocabulariesController {
  constructor(private readonly vocabularies: Vocabularies) {}

  @Get()
  @Authorize('read', 'Vocabulary')
  @ApiOperation({
    summary:
      'Every vocabulary and fixed code list with its codes and es/en labels (to build forms in one call)',
    description:
      'Items `{ name, fixed, terms: [{ code, es, en, ...extras }] }`: `fixed: false` for the configurable ' +
      'vocabularies (config/vocabularies), `true` for the code lists of the API itself (case phases, ' +
      'risk levels, closure reasons, referral statuses…). Data categories carry `class`, service ' +
      'types `needs`; reintegration-indicators gives each indicator its `dimension` and `answers` ' +
      'and lists the `dimensions`.',
  })
  list() {
    return { items: this.vocabularies.all() };
  }

  @Get(':name')
  @Authorize('read', 'Vocabulary')
  @ApiParam({ name: 'name', enum: Vocabularies.NAMES, example: 'data-categories' })
  @ApiOperation({ summary: 'One vocabulary or fixed code list: its codes with es/en labels' })
  one(@Param('name') name: string) {
    const found = this.vocabularies.find(name);
    if (!found)
      throw VocabularyErrors.VOCABULARY_NOT_FOUND({
        name: name.slice(0, 60),
        names: Vocabularies.NAMES.join(', '),
      });
    return found;
  }
}
