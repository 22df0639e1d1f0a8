import { ConnectionRole, connectionRoleProblem } from './database-role';

const role = (over: Partial<ConnectionRole>): ConnectionRole => ({
  user: 'enlace_api',
  superuser: false,
  ownsTables: false,
  appMember: true,
  ...over,
});

describe('connectionRoleProblem: who production may connect as', () => {
  it('accepts a member of enlace_app that owns nothing', () => {
    expect(connectionRoleProblem([role({})])).toBeNull();
  });

  it('refuses a superuser, the tables owner and a role outside enlace_app, naming the fix', () => {
    expect(connectionRoleProblem([role({ user: 'postgres', superuser: true })])).toMatch(
      /^DATABASE_URL connects as "postgres", a superuser: .*member of enlace_app.*npm run db:app-login/,
    );
    expect(connectionRoleProblem([role({ user: 'enlace', ownsTables: true })])).toMatch(
      /"enlace", which owns the tables/,
    );
    expect(connectionRoleProblem([role({ appMember: false })])).toMatch(/not a member of enlace_app/);
  });

  it('refuses a superuser session that switched to the application role with SET ROLE', () => {
    const session = role({ user: 'postgres', superuser: true, appMember: true });
    expect(connectionRoleProblem([session, role({})])).toMatch(/"postgres", a superuser/);
  });
});
