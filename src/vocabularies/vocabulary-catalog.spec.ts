import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/env';
import { loadVocabularies, VOCABULARY_NAMES } from './vocabulary-catalog';

const CONFIG = join(__dirname, '..', '..', 'config');

function configWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vocab-'));
  cpSync(CONFIG, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'vocabularies', name), text);
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadVocabularies(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems.map((p) => p.replace(/^.*vocabularies\//, ''));
  }
  throw new Error('loaded');
}

describe('loadVocabularies', () => {
  it('loads every shipped vocabulary, the indicator set included', () => {
    const v = loadVocabularies(CONFIG);
    expect([...v.terms.keys(), 'reintegration-indicators'].sort()).toEqual(VOCABULARY_NAMES);
    expect(v.terms.get('data-categories')!.find((t) => t.code === 'health')?.class).toBe('sensitive');
    expect(v.terms.get('service-types')!.find((t) => t.code === 'civil_registration')?.needs).toEqual([
      'identification',
      'documents',
      'case_summary',
    ]);
    expect(v.indicators.dimensions.length).toBeGreaterThan(0);
  });

  it('reports the problems of every file together: term lists, needs, indicators, stray files', () => {
    const dir = configWith({
      'languages.yaml': '- { code: es, es: Español, en: Spanish }\n- { code: es, es: Inglés, en: English }\n',
      'service-types.yaml': '- { code: a, es: A, en: A, needs: [identification, horoscope] }\n',
      'reintegration-indicators.yaml': 'scales: {}\n',
      'colours.yaml': '- { code: red, es: Rojo, en: Red }\n',
    });
    const problems = problemsOf(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        'colours.yaml: not a known vocabulary (' + VOCABULARY_NAMES.join(', ') + ')',
        'languages.yaml[1]: duplicate code es',
        'service-types.yaml[0]: unknown data category horoscope in needs',
        expect.stringMatching(/^reintegration-indicators\.yaml: dimensions must be a non-empty list$/),
      ]),
    );
  });

  it('checks data category classes', () => {
    const shipped = readFileSync(join(CONFIG, 'vocabularies', 'data-categories.yaml'), 'utf8');
    const dir = configWith({
      'data-categories.yaml': shipped.replace('class: operational', 'class: public'),
    });
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(
        /^data-categories\.yaml\[\d+\]: class must be one of operational, identifying, sensitive$/,
      ),
    ]);
  });
});
