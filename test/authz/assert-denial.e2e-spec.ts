import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../../src/app.module';
import type { Actor } from '../../src/common/actor';
import { Role } from '../../src/common/role';
import { AuditService } from '../../src/audit-trail/audit.service';
import { AuditQueryService } from '../../src/audit/audit-query.service';
import type { AppAbilityBuilder } from '../../src/authz/ability';
import { AuthzService } from '../../src/authz/authz.service';
import { PolicyRules, PolicyRulesProvider } from '../../src/authz/policy-rules';
import { AppError } from '../../src/common/errors/app-error';
import { requestContext } from '../../src/common/request-context';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { auditRows } from '../factories/audit.factory';
import { createTestApp, TestApp } from '../harness/test-app';
import { eventually } from '../harness/queues';

@PolicyRulesProvider()
class WidgetPolicy implements PolicyRules {
  define(actor: Actor, { can }: AppAbilityBuilder): void {
    can('update', 'Widget', { agencyId: actor.agencyId });
  }
}
@Module({ imports: [AppModule], providers: [WidgetPolicy] })
class WidgetTestModule {}

/** AuthzService.assert: a denial is audited even though the caller's transaction rolls back. */
describe('AuthzService.assert inside a transaction', () => {
  let t: TestApp;
  let authz: AuthzService;
  let audit: AuditService;
  let tx: TransactionRunner;
  const actor: Actor = {
    userId: randomUUID(),
    role: Role.Caseworker,
    agencyId: randomUUID(),
    countryCode: 'GT',
    language: 'es',
  };

  beforeAll(async () => {
    t = await createTestApp({ module: WidgetTestModule });
    authz = t.app.get(AuthzService);
    audit = t.app.get(AuditService);
    tx = t.app.get(TransactionRunner);
  });
  afterAll(() => t?.close());

  const verify = () =>
    t.app.get(AuditQueryService).verify({ ...actor, role: Role.Auditor, userId: randomUUID() });

  it('lets a permitted record through without writing anything', async () => {
    const before = (await auditRows(t.dataSource)).length;
    await tx.run(() => authz.assert(actor, 'update', 'Widget', { agencyId: actor.agencyId }));
    expect((await auditRows(t.dataSource)).length).toBe(before);
  });

  it('audits the denial, which survives the rollback of the caller’s transaction', async () => {
    const widgetId = randomUUID();
    const caseId = randomUUID();
    const upperCaseId = caseId.toUpperCase(); // as a URL may carry it
    const err = await tx
      .run(async (m) => {
        await m.query('SELECT 1');
        await authz.assert(
          actor,
          'update',
          'Widget',
          { agencyId: randomUUID() },
          { subjectId: widgetId, caseId: upperCaseId },
        );
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FORBIDDEN');
    const rows = await auditRows(t.dataSource, 'subject_id = $1', [widgetId]);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'widget.update',
        outcome: 'denied',
        actor_user_id: actor.userId,
        case_id: caseId,
        subject_type: 'Widget',
      }),
    ]);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('audits the denial when the same request already appended to the chain in the rolled-back transaction', async () => {
    const widgetId = randomUUID();
    const requestId = `req-${randomUUID()}`;
    const err = await requestContext
      .run({ requestId, actor }, () =>
        tx.run(async (m) => {
          await audit.record(m, { action: 'widget.touch', subjectType: 'Widget', subjectId: widgetId });
          await authz.assert(actor, 'update', 'Widget', { agencyId: randomUUID() }, { subjectId: widgetId });
        }),
      )
      .catch((e: unknown) => e);
    expect((err as AppError).code).toBe('FORBIDDEN');
    const rows = await eventually(
      () => auditRows(t.dataSource, 'subject_id = $1', [widgetId]),
      (r) => r.length > 0,
    );
    // The entry written in the rolled-back transaction is gone; the denial stays, with the request id.
    expect(rows).toEqual([
      expect.objectContaining({ action: 'widget.update', outcome: 'denied', request_id: requestId }),
    ]);
    expect(await verify()).toMatchObject({ ok: true });
  });
});
