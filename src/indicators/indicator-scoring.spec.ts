import { join } from 'node:path';
import {
  IndicatorConfigError,
  loadIndicatorCatalog,
  validateIndicatorCatalog,
} from '../vocabularies/indicator-catalog';
import { checkAnswers, scoreAnswers } from './indicator-scoring';

const catalog = loadIndicatorCatalog(join(__dirname, '..', '..', 'config'));

describe('reintegration indicator set', () => {
  it('loads the configured set in the three dimensions', () => {
    expect(catalog.dimensions.map((d) => d.code)).toEqual(['economic_education', 'social', 'psychosocial']);
    expect(catalog.byCode.get('wish_to_remigrate')?.inverse).toBe(true);
  });

  it('refuses a bad set naming every problem', () => {
    const bad = {
      scales: { yn: { es: 'x', en: 'x', answers: [{ value: 'yes', score: 1, es: 's', en: 'y' }] } },
      dimensions: [{ code: 'social', weight: 0, es: 'S', en: 'S' }],
      indicators: [
        { code: 'Docs', dimension: 'nope', scale: 'missing', weight: 1, es: 'a', en: 'b', extra: 1 },
      ],
    };
    let err: IndicatorConfigError | undefined;
    try {
      validateIndicatorCatalog(bad, 'ind.yaml');
    } catch (e) {
      err = e as IndicatorConfigError;
    }
    expect(err).toBeInstanceOf(IndicatorConfigError);
    const msg = err!.message;
    expect(msg).toContain('ind.yaml: scales.yn.answers must list at least two answers');
    expect(msg).toContain('dimensions[0].weight must be a positive number');
    expect(msg).toContain('indicators[0].code must be lower_snake_case');
    expect(msg).toContain('indicators[0].dimension "nope" is not one of the dimensions');
    expect(msg).toContain('indicators[0].scale "missing" is not one of the scales');
    expect(msg).toContain('indicators[0]: unknown key extra');
    expect(msg).toContain('dimension social has no indicators');
  });
});

describe('scoring', () => {
  it('scores every dimension 100 for the best answers, inverse indicators included', () => {
    const s = scoreAnswers(catalog, {
      school_enrolled_attending: 'yes',
      family_livelihood: '4',
      identity_documents: 'yes',
      health_access: 'yes',
      safe_housing: '4',
      family_relationship: '4',
      feels_safe: '4',
      sense_of_belonging: '4',
      psychosocial_wellbeing: '4',
      wish_to_remigrate: '0',
    });
    expect(s).toEqual({
      dimensions: { economic_education: 100, social: 100, psychosocial: 100 },
      overall: 100,
    });
  });

  it('weights indicators inside a dimension and leaves unanswered dimensions out of the overall', () => {
    // economic_education: school (weight 2) partly = 0.5, livelihood (weight 1) 4/4 = 1 -> (1 + 1) / 3
    const s = scoreAnswers(catalog, { school_enrolled_attending: 'partly', family_livelihood: '4' });
    expect(s.dimensions).toEqual({ economic_education: 66.7, social: null, psychosocial: null });
    expect(s.overall).toBe(66.7);
  });

  it('reverses inverse indicators: a strong wish to re-migrate lowers the psychosocial score', () => {
    expect(scoreAnswers(catalog, { wish_to_remigrate: '4' }).dimensions.psychosocial).toBe(0);
    expect(scoreAnswers(catalog, { wish_to_remigrate: '1' }).dimensions.psychosocial).toBe(75);
  });

  it('averages dimensions by their weights for the overall score', () => {
    const s = scoreAnswers(catalog, { identity_documents: 'yes', feels_safe: '0' });
    expect(s.dimensions).toMatchObject({ social: 100, psychosocial: 0 });
    expect(s.overall).toBe(50);
  });

  it('names unknown indicators and answers off the scale', () => {
    expect(checkAnswers(catalog, { nope: '1', feels_safe: '9', identity_documents: 'yes' })).toEqual([
      { indicator: 'nope', problem: 'unknown_indicator' },
      { indicator: 'feels_safe', problem: 'unknown_answer' },
    ]);
  });
});
