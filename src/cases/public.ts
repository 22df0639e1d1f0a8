/**
 * The cases module's public face: the one file of src/cases that other folders import
 * (src/folder-imports.spec.ts fails otherwise; tests and benchmarks may import anything).
 * Other modules read a case through CaseLookupService (import CaseCoreModule for it), build
 * referral snapshots through CaseDataService, and may name the entities they relate to.
 */
export { CaseCoreModule } from './case-core.module';
export { CaseLookupService } from './case-lookup.service';
export { CaseDataService } from './case-data.service';
export type { CategoryReader } from './case-data.service';
export { CASE_PHASES, CaseFile, RISK_LEVELS } from './case-file.entity';
export { CLOSURE_REASONS } from './case-closure.entity';
export { caseworkScope } from './case.policy';
export { Consent, consentInForce } from './records/consent.entity';
export { searchName } from './intake/search-name';
