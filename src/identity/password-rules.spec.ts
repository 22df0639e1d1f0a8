import { passwordIssues } from './password-rules';

const codes = (pw: string, email = 'maria.lopez@sbs.gob.gt') => passwordIssues(pw, email).map((i) => i.code);

describe('password rules', () => {
  it('accepts a long password mixing three classes', () => {
    expect(codes('Enlace-Demo-2026!')).toEqual([]);
    expect(codes('correct horse 42 battery')).toEqual([]);
  });

  it('rejects short passwords', () => {
    expect(codes('Ab1!ab1!ab1')).toEqual(['passwordTooShort']);
  });

  it('rejects passwords of fewer than three character classes', () => {
    expect(codes('aaaaaaaaaaaaaaaa')).toEqual(['passwordTooSimple']);
    expect(codes('abcdefgh12345678')).toEqual(['passwordTooSimple']);
    expect(codes('ABCDEFGHIJKLMNOP')).toEqual(['passwordTooSimple']);
  });

  it('rejects passwords containing the email local part or a part of it', () => {
    expect(codes('Maria.Lopez-2026!')).toContain('passwordContainsEmail');
    expect(codes('xLOPEZx-2026-Ab')).toContain('passwordContainsEmail');
    expect(codes('Enlace-Demo-2026!', 'ana@x.org')).toEqual([]);
  });

  it('rejects absurdly long passwords', () => {
    expect(codes(`Aa1!${'x'.repeat(200)}`)).toEqual(['passwordTooLong']);
  });

  it('reports every broken rule with a bilingual message', () => {
    const issues = passwordIssues('lopez', 'lopez@x.org', 'newPassword');
    expect(issues.map((i) => i.code)).toEqual([
      'passwordTooShort',
      'passwordTooSimple',
      'passwordContainsEmail',
    ]);
    for (const i of issues) {
      expect(i.field).toBe('newPassword');
      expect(i.message?.es).toBeTruthy();
      expect(i.message?.en).toBeTruthy();
    }
  });
});
