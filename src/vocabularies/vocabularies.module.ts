import { Global, Module } from '@nestjs/common';
import { VocabulariesController } from './vocabularies.controller';
import { Vocabularies } from './vocabularies.service';
import { VocabularyPolicy } from './vocabulary.policy';

/**
 * config/vocabularies/*.yaml, loaded and checked once at boot (Vocabularies) for every module,
 * and served read-only at /api/v1/vocabularies.
 */
@Global()
@Module({
  controllers: [VocabulariesController],
  providers: [Vocabularies, VocabularyPolicy],
  exports: [Vocabularies],
})
export class VocabulariesModule {}
