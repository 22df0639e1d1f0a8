import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * An external agency's HMAC secret lives in an environment variable whose name its record holds
 * (`signingSecretRef`). Only names of this prefix may be referenced, so no agency record (nor an
 * old row written before the rule) can make Enlace sign or verify with a platform secret such as
 * JWT_SECRET or a publicly known value such as NODE_ENV.
 */
export const SIGNING_SECRET_PREFIX = 'EXTERNAL_AGENCY_SECRET_';

const REF = new RegExp(`^${SIGNING_SECRET_PREFIX}[A-Z0-9][A-Z0-9_]{0,40}$`);

export function isSigningSecretRef(value: unknown): value is string {
  return typeof value === 'string' && REF.test(value);
}

/** The secret a ref names; undefined when the ref is outside the prefix or the variable is unset. */
export function readSigningSecret(
  ref: string | null | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return isSigningSecretRef(ref) ? env[ref] || undefined : undefined;
}

/** DTO check; the field issue's code is `isSigningSecretRef` (message in the validation catalog). */
export function IsSigningSecretRef(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSigningSecretRef',
      validator: {
        validate: isSigningSecretRef,
        // Non-empty: class-validator drops the context of a constraint whose message is empty.
        defaultMessage: () => `$property must start with ${SIGNING_SECRET_PREFIX}`,
      },
    },
    { ...options, context: { prefix: SIGNING_SECRET_PREFIX } },
  );
}
