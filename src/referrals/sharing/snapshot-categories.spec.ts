import { snapshotCategories } from './snapshot-categories';

const sensitive = new Set(['health', 'psychosocial', 'assessments', 'gender_identity']);
const base = {
  agreement: ['identification', 'contact', 'case_summary', 'health', 'assessments'],
  consent: ['identification', 'case_summary', 'health', 'education'],
  overrideSensitive: [] as string[],
  needs: ['identification', 'contact', 'case_summary', 'health', 'assessments'],
  requested: [] as string[],
  isSensitive: (c: string) => sensitive.has(c),
};

describe('snapshot categories', () => {
  it('is the intersection of agreement, consent and service needs', () => {
    expect(snapshotCategories(base)).toEqual({ categories: ['case_summary', 'health', 'identification'] });
  });

  it('leaves sensitive categories out unless the consent names them', () => {
    const r = snapshotCategories({ ...base, consent: ['identification', 'case_summary', 'assessments_x'] });
    expect(r).toEqual({ categories: ['case_summary', 'identification'] });
  });

  it('ignores the agreement within one agency', () => {
    expect(snapshotCategories({ ...base, agreement: null })).toEqual({
      categories: ['case_summary', 'health', 'identification'],
    });
  });

  it('with an override: service needs ∩ agreement, minus sensitive unless named', () => {
    expect(snapshotCategories({ ...base, consent: null })).toEqual({
      categories: ['case_summary', 'contact', 'identification'],
    });
    expect(snapshotCategories({ ...base, consent: null, overrideSensitive: ['health'] })).toEqual({
      categories: ['case_summary', 'contact', 'health', 'identification'],
    });
  });

  it('refuses a requested sensitive category the consent does not name', () => {
    expect(snapshotCategories({ ...base, requested: ['identification', 'assessments'] })).toEqual({
      refusal: 'SENSITIVE_CATEGORY_NOT_CONSENTED',
      categories: ['assessments'],
    });
  });

  it('refuses a requested category outside the intersection, and narrows to what is requested', () => {
    expect(snapshotCategories({ ...base, requested: ['education'] })).toEqual({
      refusal: 'CATEGORY_NOT_SHAREABLE',
      categories: ['education'],
    });
    expect(snapshotCategories({ ...base, requested: ['identification'] })).toEqual({
      categories: ['identification'],
    });
  });

  it('refuses when nothing is left', () => {
    expect(snapshotCategories({ ...base, consent: ['education'] })).toEqual({
      refusal: 'NOTHING_TO_SHARE',
      categories: [],
    });
  });
});
