import { Injectable, OnModuleInit, Type } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { Actor } from '../common/actor';
import { AppAbility, newAbilityBuilder } from './ability';
import { POLICY_RULES, PolicyRules } from './policy-rules';

/** Builds a caller's ability from every module's policy rules. */
@Injectable()
export class AbilityFactory implements OnModuleInit {
  private policies: PolicyRules[] = [];
  private readonly cache = new WeakMap<Actor, AppAbility>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.policies = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && this.reflector.get(POLICY_RULES, w.metatype as Type))
      .map((w) => w.instance as PolicyRules);
  }

  /** Same actor object (one request) gets the same ability. */
  for(actor: Actor): AppAbility {
    let ability = this.cache.get(actor);
    if (!ability) {
      ability = buildAbility(actor, this.policies);
      this.cache.set(actor, ability);
    }
    return ability;
  }
}

export function buildAbility(actor: Actor, policies: PolicyRules[]): AppAbility {
  const builder = newAbilityBuilder();
  for (const p of policies) p.define(actor, builder);
  return builder.build();
}
