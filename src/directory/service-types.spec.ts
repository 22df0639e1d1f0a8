import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceTypes } from './service-types';

const CONFIG = join(__dirname, '..', '..', 'config');

describe('service types vocabulary', () => {
  it('loads the shipped file, every need a known data category', () => {
    const types = loadServiceTypes(CONFIG);
    expect(types.length).toBeGreaterThanOrEqual(14);
    expect(types.find((t) => t.code === 'civil_registration')?.needs).toEqual([
      'identification',
      'documents',
      'case_summary',
    ]);
  });

  it('names every problem of a bad file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vocab-'));
    mkdirSync(join(dir, 'vocabularies'));
    copyFileSync(
      join(CONFIG, 'vocabularies', 'data-categories.yaml'),
      join(dir, 'vocabularies', 'data-categories.yaml'),
    );
    writeFileSync(
      join(dir, 'vocabularies', 'service-types.yaml'),
      '- { code: a, es: A, en: A, needs: [identification, horoscope] }\n- { code: a, es: B, needs: [] }\n',
    );
    expect(() => loadServiceTypes(dir)).toThrow(
      /unknown data category horoscope[\s\S]*duplicate code a[\s\S]*en label must be text[\s\S]*needs must list/,
    );
  });
});
