import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRules, PolicyRulesProvider } from '../authz/policy-rules';

/**
 * Only the auditor (data-protection officer) reads the audit trail, and no case content.
 * Scope: entries whose actor belongs to an agency of the auditor's country, plus entries without
 * an actor country (system jobs, unauthenticated events such as failed logins of unknown
 * accounts). Entries written by another country's staff are that country's auditor's to read,
 * even when they concern a case here; a supervisor sees those through the case's access log.
 * Verifying the chain reveals no entry content, so any auditor may run it over the whole chain.
 */
@PolicyRulesProvider()
export class AuditPolicy implements PolicyRules {
  define(actor: Actor, { can }: AppAbilityBuilder): void {
    if (actor.role !== Role.Auditor) return;
    can('list', 'AuditEntry', { actorCountryCode: actor.countryCode });
    can('list', 'AuditEntry', { actorCountryCode: null });
    can('verify', 'AuditChain');
  }
}
