import { AppError } from './errors/app-error';
import { UuidParam } from './uuid-param.pipe';

describe('UuidParam', () => {
  const pipe = new UuidParam();
  const meta = { type: 'param' as const, data: 'caseId' };

  it.each([
    '6ba7b810-9dad-11d1-80b4-00c04fd430c8', // v1
    '9b2e6d7a-3c41-4f0e-9a51-2d7c8e4b1f60', // v4
    '0190a0b0-7c2e-7d31-8a4f-5b6c7d8e9f01', // v7
    '00000000-0000-0000-0000-000000000000', // nil
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', // max
  ])('accepts %s', (id) => {
    expect(pipe.transform(id, meta)).toBe(id);
  });

  it.each(['nope', '9b2e6d7a-3c41-0f0e-9a51-2d7c8e4b1f60', '9b2e6d7a3c414f0e9a512d7c8e4b1f60'])(
    'answers 400 naming the parameter for %s',
    (id) => {
      let thrown: unknown;
      try {
        pipe.transform(id, meta);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        issues: [{ field: 'caseId', code: 'isUUID' }],
      });
    },
  );
});
