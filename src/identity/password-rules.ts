import type { FieldIssue } from '../common/errors/app-error';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_CLASSES, PASSWORD_MIN_LENGTH } from './identity.constants';

const CLASSES: RegExp[] = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/**
 * The password rules (pure): at least PASSWORD_MIN_LENGTH characters, at least
 * PASSWORD_MIN_CLASSES of lower case / upper case / digit / symbol, and not containing the email's
 * local part (nor any of its parts of 4+ characters, e.g. "lopez" of "maria.lopez@..."). Returns
 * the broken rules as field issues; empty when the password is acceptable.
 */
export function passwordIssues(password: string, email: string, field = 'password'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (password.length < PASSWORD_MIN_LENGTH)
    issues.push({
      field,
      code: 'passwordTooShort',
      message: {
        es: `Debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres.`,
        en: `Must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
      },
    });
  if (password.length > PASSWORD_MAX_LENGTH)
    issues.push({
      field,
      code: 'passwordTooLong',
      message: {
        es: `Debe tener como máximo ${PASSWORD_MAX_LENGTH} caracteres.`,
        en: `Must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
      },
    });
  if (CLASSES.filter((re) => re.test(password)).length < PASSWORD_MIN_CLASSES)
    issues.push({
      field,
      code: 'passwordTooSimple',
      message: {
        es: `Combine al menos ${PASSWORD_MIN_CLASSES} de: minúsculas, mayúsculas, dígitos y símbolos.`,
        en: `Combine at least ${PASSWORD_MIN_CLASSES} of: lower case, upper case, digits and symbols.`,
      },
    });
  const lower = password.toLowerCase();
  const local = email.toLowerCase().split('@')[0] ?? '';
  const parts = [local, ...local.split(/[._+-]/).filter((p) => p.length >= 4)].filter((p) => p.length >= 3);
  if (parts.some((p) => lower.includes(p)))
    issues.push({
      field,
      code: 'passwordContainsEmail',
      message: {
        es: 'No debe contener su dirección de correo ni partes de ella.',
        en: 'Must not contain your email address or parts of it.',
      },
    });
  return issues;
}
