import { DEMO_ACCOUNT, readyLine } from './ready-line';

describe('readyLine', () => {
  it('names the API, its docs and a demo account in one line', () => {
    const line = readyLine({ ms: 5400, port: 3000, account: DEMO_ACCOUNT });
    expect(line).toBe(
      'ready in 5400 ms: API http://localhost:3000, API docs http://localhost:3000/docs, ' +
        'sign in as caseworker.gt@demo.enlace.example / Enlace-Demo-2026! (docs/tour.md walks through it). ' +
        'Ctrl-C stops everything.',
    );
    expect(line).not.toContain('\n');
  });

  it('says when the database has no demo users instead of offering an account that does not exist', () => {
    expect(readyLine({ ms: 1, port: 8080, account: null })).toContain(
      'API docs http://localhost:8080/docs, no demo users in this database',
    );
  });
});
