import { isSigningSecretRef, readSigningSecret } from './signing-secret-ref';

describe('signingSecretRef', () => {
  const env = {
    JWT_SECRET: 'platform-secret',
    NODE_ENV: 'production',
    EXTERNAL_AGENCY_SECRET_US: 'partner-secret',
  };

  it('accepts only names of the documented prefix', () => {
    expect(isSigningSecretRef('EXTERNAL_AGENCY_SECRET_US')).toBe(true);
    expect(isSigningSecretRef('EXTERNAL_AGENCY_SECRET_MX_DIF_2')).toBe(true);
    for (const bad of [
      'JWT_SECRET',
      'NODE_ENV',
      'EXTERNAL_AGENCY_SECRET_',
      'external_agency_secret_us',
      'X_EXTERNAL_AGENCY_SECRET_US',
      'EXTERNAL_AGENCY_SECRET_US ',
      null,
      42,
    ])
      expect(isSigningSecretRef(bad)).toBe(false);
  });

  it('never reads a variable outside the prefix, whatever the record says', () => {
    expect(readSigningSecret('EXTERNAL_AGENCY_SECRET_US', env)).toBe('partner-secret');
    expect(readSigningSecret('JWT_SECRET', env)).toBeUndefined();
    expect(readSigningSecret('NODE_ENV', env)).toBeUndefined();
    expect(readSigningSecret('EXTERNAL_AGENCY_SECRET_CR', env)).toBeUndefined();
    expect(readSigningSecret(null, env)).toBeUndefined();
  });
});
