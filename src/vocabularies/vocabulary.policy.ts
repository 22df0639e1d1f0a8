import type { Actor } from '../common/actor';
import type { AppAbilityBuilder } from '../authz/ability';
import { PolicyRules, PolicyRulesProvider } from '../authz/policy-rules';

/** Subject 'Vocabulary': codes and labels, no case data; every signed-in role reads them. */
@PolicyRulesProvider()
export class VocabularyPolicy implements PolicyRules {
  define(_actor: Actor, { can }: AppAbilityBuilder): void {
    can('read', 'Vocabulary');
  }
}
