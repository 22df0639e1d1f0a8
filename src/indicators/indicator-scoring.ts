import type { IndicatorCatalog } from '../vocabularies/indicator-catalog';

/** Scores 0-100 (one decimal) per dimension and overall; null where nothing was answered. */
export interface IndicatorScores {
  dimensions: Record<string, number | null>;
  overall: number | null;
}

export interface AnswerIssue {
  indicator: string;
  problem: 'unknown_indicator' | 'unknown_answer';
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Which answers do not fit the catalog (unknown indicator or a value not on its scale). */
export function checkAnswers(catalog: IndicatorCatalog, answers: Record<string, string>): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  for (const [code, value] of Object.entries(answers)) {
    const def = catalog.byCode.get(code);
    if (!def) issues.push({ indicator: code, problem: 'unknown_indicator' });
    else if (!def.scale.answers.some((a) => a.value === value))
      issues.push({ indicator: code, problem: 'unknown_answer' });
  }
  return issues;
}

/**
 * Each answer is normalized to 0..1 on its scale (reversed for inverse indicators such as the
 * wish to re-migrate), a dimension is the weighted mean of its answered indicators, and the overall
 * score the weighted mean of the answered dimensions. Unanswered indicators are left out rather
 * than counted as zero, so a partial measurement is not mistaken for a bad one.
 */
export function scoreAnswers(catalog: IndicatorCatalog, answers: Record<string, string>): IndicatorScores {
  const dimensions: Record<string, number | null> = {};
  let overallSum = 0;
  let overallWeight = 0;
  for (const dim of catalog.dimensions) {
    let sum = 0;
    let weight = 0;
    for (const def of catalog.indicators) {
      if (def.dimension !== dim.code || answers[def.code] === undefined) continue;
      const answer = def.scale.answers.find((a) => a.value === answers[def.code]);
      if (!answer) throw new Error(`answer ${answers[def.code]} is not on the scale of ${def.code}`);
      const norm = (answer.score - def.scale.min) / (def.scale.max - def.scale.min);
      sum += (def.inverse ? 1 - norm : norm) * def.weight;
      weight += def.weight;
    }
    const score = weight ? (sum / weight) * 100 : null;
    dimensions[dim.code] = score === null ? null : round1(score);
    if (score !== null) {
      overallSum += score * dim.weight;
      overallWeight += dim.weight;
    }
  }
  return { dimensions, overall: overallWeight ? round1(overallSum / overallWeight) : null };
}
