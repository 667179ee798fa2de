import type { CriterionScore, Weight } from '../matching/index.js';

const RANK: Record<Weight, number> = { must: 0, off: 0, low: 1, medium: 2, high: 3 };
const WEIGHT_WORDS: Record<Weight, string> = {
  must: 'Must match',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  off: 'Off',
};

/**
 * The score is the share of points earned over every criterion, so a pair can reach 69 / 100 while
 * its most important criterion earns nothing (5 + 3 + 3 + 1 + 3 + 1 points, 0 of the 5). Such a
 * pair reads as good and is not: it is flagged, explained, and reviewed with the weakest.
 */
export function heaviestMisses(criteria: readonly CriterionScore[]): CriterionScore[] {
  const earning = criteria.filter((c) => c.maxPoints > 0);
  const top = Math.max(0, ...earning.map((c) => RANK[c.weight]));
  return earning.filter((c) => RANK[c.weight] === top && top >= RANK.medium && c.points === 0);
}

/** The sentence beside such a score, or null when the score tells the truth on its own. */
export function scoreCaveat(
  score: number,
  criteria: readonly CriterionScore[],
  labels: Record<string, string>,
): string | null {
  const missed = heaviestMisses(criteria);
  if (missed.length === 0) return null;
  const names = missed.map(
    (c) =>
      `${labels[c.criterion] ?? c.criterion} (weighted ${WEIGHT_WORDS[c.weight]}, 0 of ${c.maxPoints})`,
  );
  return `Scores nothing on ${names.join(' and ')}: the ${score} / 100 comes from the other criteria only.`;
}

/** Sort key, lowest first: a pair missing its most important criterion counts as weaker than any that does not. */
export function weaknessKey(score: number, criteria: readonly CriterionScore[]): number {
  return heaviestMisses(criteria).length > 0 ? score - 1000 : score;
}

/** The two criteria that did the most for the pair, in points earned. */
export function topReasons<T extends CriterionScore>(criteria: readonly T[], count = 2): T[] {
  return [...criteria]
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, count);
}
