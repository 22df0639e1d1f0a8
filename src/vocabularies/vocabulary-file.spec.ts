import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/env';
import { loadVocabularyFile } from './vocabulary-file';

const CONFIG = join(__dirname, '..', '..', 'config');

/** A copy of the shipped config whose `name` vocabulary is `yaml`. */
function configWith(name: string, yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vocab-'));
  cpSync(CONFIG, dir, { recursive: true });
  writeFileSync(join(dir, 'vocabularies', `${name}.yaml`), yaml);
  return dir;
}

describe('loadVocabularyFile', () => {
  it('loads the shipped data categories', () => {
    const terms = loadVocabularyFile(CONFIG, 'data-categories', ['class']);
    expect(terms.find((t) => t.code === 'identification')?.es).toBe(
      'Identificación (nombres, fecha de nacimiento)',
    );
  });

  it('rejects a flow mapping cut short by an unquoted comma, naming the file, entry and key', () => {
    const shipped = readFileSync(join(CONFIG, 'vocabularies', 'data-categories.yaml'), 'utf8');
    const dir = configWith(
      'data-categories',
      shipped.replace(
        "es: 'Identificación (nombres, fecha de nacimiento)'",
        'es: Identificación (nombres, fecha de nacimiento)',
      ),
    );
    expect(() => loadVocabularyFile(dir, 'data-categories', ['class'])).toThrow(
      /data-categories\.yaml\[0\]: unknown key "fecha de nacimiento\)"/,
    );
  });

  it('names every bad entry: labels not text, null or unknown keys, repeated codes', () => {
    const dir = configWith(
      'languages',
      [
        '- { code: es, es: 1, en: Spanish }',
        '- { code: en, es: Inglés, en: }',
        '- { code: es, es: Español, en: Spanish, extra: x }',
        '- just text',
      ].join('\n'),
    );
    let err: unknown;
    try {
      loadVocabularyFile(dir, 'languages');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.map((p) => p.replace(/^.*languages\.yaml/, ''))).toEqual([
      '[0]: es label must be text',
      '[1]: en is empty',
      '[1]: en label must be text',
      '[2]: unknown key "extra" (quote values that contain commas)',
      '[2]: duplicate code es',
      '[3]: must be a mapping',
    ]);
  });
});
