/**
 * Which data categories a referral's snapshot carries: agreement ∩ consent ∩ service needs.
 * Sensitive categories travel only when the consent names them (they are in the consent's list).
 * With a supervisor's override instead of consent: what the service needs (∩ agreement) minus
 * every sensitive category, except those the override names explicitly.
 * `requested` (optional) narrows the result; asking for something outside it is refused.
 */
export interface CategoryRules {
  /** null: same agency, no agreement involved. */
  agreement: string[] | null;
  /** null: override instead of consent. */
  consent: string[] | null;
  overrideSensitive: string[];
  needs: string[];
  requested: string[];
  isSensitive: (c: string) => boolean;
}

export type CategoryDecision =
  | { categories: string[] }
  | {
      refusal: 'SENSITIVE_CATEGORY_NOT_CONSENTED' | 'CATEGORY_NOT_SHAREABLE' | 'NOTHING_TO_SHARE';
      categories: string[];
    };

export function snapshotCategories(r: CategoryRules): CategoryDecision {
  const allowed = (c: string): boolean => {
    if (!r.needs.includes(c)) return false;
    if (r.agreement && !r.agreement.includes(c)) return false;
    if (r.consent) return r.consent.includes(c);
    return !r.isSensitive(c) || r.overrideSensitive.includes(c);
  };
  if (r.requested.length) {
    // A sensitive category not consented is its own refusal, so the caseworker knows to ask.
    const sensitive = r.requested.filter(
      (c) => r.isSensitive(c) && !(r.consent ? r.consent.includes(c) : r.overrideSensitive.includes(c)),
    );
    if (sensitive.length) return { refusal: 'SENSITIVE_CATEGORY_NOT_CONSENTED', categories: sensitive };
    const outside = r.requested.filter((c) => !allowed(c));
    if (outside.length) return { refusal: 'CATEGORY_NOT_SHAREABLE', categories: outside };
  }
  const base = r.requested.length ? r.requested : r.needs;
  const categories = [...new Set(base.filter(allowed))].sort();
  return categories.length ? { categories } : { refusal: 'NOTHING_TO_SHARE', categories: [] };
}
