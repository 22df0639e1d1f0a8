import { defineErrors } from '../common/errors/app-error';

export const VocabularyErrors = defineErrors({
  VOCABULARY_NOT_FOUND: {
    status: 404,
    title: { es: 'Vocabulario no encontrado', en: 'Vocabulary not found' },
    detail: {
      es: 'No existe el vocabulario {name}. Vocabularios: {names}.',
      en: 'There is no vocabulary {name}. Vocabularies: {names}.',
    },
  },
});
