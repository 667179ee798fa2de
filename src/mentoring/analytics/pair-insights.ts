import { CRITERIA, type Criterion, type Weight } from '../matching/index.js';
import { OUTCOMES, type Outcome, type PairObservation, type Predictor } from './pair-outcomes.js';
import { MIN_GROUP } from './privacy.js';
import { correlate, round2, type Correlation } from './statistics.js';

/** Fewer pairs than this and no correlation is shown: the band would span almost everything. */
export const MIN_PAIRS_SHOWN = 8;
/** Suggestions need this many pairs and a band that stays clear of small effects. */
export const MIN_PAIRS_SUGGEST = 20;
export const CLEAR_OF = 0.15;

export interface InsightCell {
  outcome: Outcome;
  n: number;
  correlation: Correlation | null;
  /** 'too-few' under MIN_PAIRS_SHOWN pairs; 'no-spread' when a side never varies. */
  note: 'shown' | 'too-few' | 'no-spread';
}

export interface InsightRow {
  predictor: Predictor;
  cells: InsightCell[];
}

function cellOf(observations: readonly PairObservation[], predictor: Predictor, outcome: Outcome): InsightCell {
  const both = observations.filter((o) => o.predictors[predictor] !== undefined && o.outcomes[outcome] !== undefined);
  const n = both.length;
  if (n < Math.max(MIN_PAIRS_SHOWN, MIN_GROUP)) return { outcome, n, correlation: null, note: 'too-few' };
  const correlation = correlate(both.map((o) => o.predictors[predictor]!), both.map((o) => o.outcomes[outcome]!));
  if (!correlation) return { outcome, n, correlation: null, note: 'no-spread' };
  const rounded = { n, r: round2(correlation.r), low: round2(correlation.low), high: round2(correlation.high) };
  return { outcome, n, correlation: rounded, note: 'shown' };
}

/** The match score and every scored criterion against every outcome. */
export function pairInsights(observations: readonly PairObservation[]): InsightRow[] {
  const predictors: Predictor[] = ['score', ...CRITERIA.filter((c) => observations.some((o) => o.predictors[c] !== undefined))];
  return predictors.map((predictor) => ({
    predictor,
    cells: OUTCOMES.map((outcome) => cellOf(observations, predictor, outcome)),
  }));
}

const LADDER: Weight[] = ['off', 'low', 'medium', 'high'];

export interface WeightSuggestion {
  criterion: Criterion;
  from: Weight;
  to: Weight;
  because: string;
}

function directionOf(row: InsightRow): { sign: 1 | -1; cell: InsightCell } | null {
  const strong = row.cells.filter((c) => c.correlation && c.correlation.n >= MIN_PAIRS_SUGGEST);
  const up = strong.filter((c) => c.correlation!.low > CLEAR_OF);
  const down = strong.filter((c) => c.correlation!.high < -CLEAR_OF);
  if (up.length > 0 && down.length === 0) return { sign: 1, cell: up[0]! };
  if (down.length > 0 && up.length === 0) return { sign: -1, cell: down[0]! };
  return null;
}

/**
 * One step up or down the weight ladder for a criterion whose whole 95 % band sits clear of
 * small effects on some outcome, with no outcome pointing the other way. `must` is a rule,
 * never changed by evidence.
 */
export function suggestWeights(rows: readonly InsightRow[], weights: Record<Criterion, Weight>, labels: Record<Outcome, string>): WeightSuggestion[] {
  const suggestions: WeightSuggestion[] = [];
  for (const row of rows) {
    if (row.predictor === 'score') continue;
    const from = weights[row.predictor];
    const dir = directionOf(row);
    if (!dir || from === 'must') continue;
    const to = LADDER[LADDER.indexOf(from) + dir.sign];
    if (!to) continue;
    const c = dir.cell.correlation!;
    const because = `${labels[dir.cell.outcome]}: r = ${c.r} (95 % ${c.low} to ${c.high}, ${c.n} pairs)`;
    suggestions.push({ criterion: row.predictor, from, to, because });
  }
  return suggestions;
}
