import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import type { Actor } from '../common/actor';
import type { AppAbilityBuilder } from './ability';

export const POLICY_RULES = Symbol('POLICY_RULES');

/**
 * One per module (`case.policy.ts`): a pure function of the actor adding can/cannot rules for
 * the module's subjects. Keep it free of I/O so its spec can test it directly.
 */
export interface PolicyRules {
  define(actor: Actor, builder: AppAbilityBuilder): void;
}

/** Registers a class as a module's policy; the ability factory discovers all of them. */
export const PolicyRulesProvider = (): ClassDecorator =>
  applyDecorators(Injectable(), SetMetadata(POLICY_RULES, true));
