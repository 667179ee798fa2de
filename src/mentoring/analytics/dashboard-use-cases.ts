import { z } from 'zod';
import type { MatchStore } from '../matches/ports.js';
import { CRITERION_LABELS, defaultMatchSettings, type MatchSettings } from '../matches/match-settings.js';
import type { CourseScope, Program, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';
import { analyticsError } from './analytics-errors.js';
import { DEFAULT_MATCH_RATE_TARGET, funnelOf, matchRateOf, medianDaysToMatch } from './funnel.js';
import { healthOf, healthRule, HEALTH_LABELS, type Health } from './health.js';
import { mentorLoad, milestoneCompletion, ratingDistribution, surveySummary } from './outcomes.js';
import { pairInsights, suggestWeights } from './pair-insights.js';
import { observePairs, OUTCOME_LABELS } from './pair-outcomes.js';
import type { AnalyticsStore } from './ports.js';
import { peopleCount } from './privacy.js';
import { trendsOf, weekRange } from './trends.js';

export interface AnalyticsDeps {
  programs: ProgramRepository;
  matches: Pick<MatchStore, 'settings'>;
  analytics: AnalyticsStore;
}

export const TREND_WEEKS = 12;

function healthSection(facts: Awaited<ReturnType<AnalyticsStore['programFacts']>>, program: Program, now: Date) {
  const open = facts.circles.filter((c) => c.status !== 'closed');
  const judged = open.map((c) => ({ circle: c, ...healthOf(c, program.cadence, now) }));
  const count = (h: Health) => judged.filter((j) => j.health === h).length;
  return {
    rule: healthRule(program.cadence),
    counts: (['on-track', 'attention', 'too-early'] as const).map((h) => ({ health: h, label: HEALTH_LABELS[h], circles: count(h) })),
    attention: judged.filter((j) => j.health === 'attention').map((j) => ({ circleId: j.circle.circleId, name: j.circle.name, reason: j.reason })),
  };
}

/** Staff: the program's dashboard, every figure aggregated and hidden under three people. */
export async function viewProgramDashboard(deps: AnalyticsDeps, scope: CourseScope, programId: string, now: Date) {
  const program = await getProgram(deps, scope, programId);
  const weeks = weekRange(now, TREND_WEEKS, program.startsOn);
  const [facts, target, stored] = await Promise.all([
    deps.analytics.programFacts(scope, programId, weeks),
    deps.analytics.matchRateTarget(scope, programId),
    deps.matches.settings(scope, programId),
  ]);
  const settings: MatchSettings = stored ?? defaultMatchSettings(program);
  const insights = pairInsights(observePairs(facts.pairs, facts.circles, program.cadence, now));
  return {
    program,
    generatedAt: now,
    enrolled: peopleCount(facts.participants.length),
    matchRate: matchRateOf(facts.participants, target ?? DEFAULT_MATCH_RATE_TARGET),
    funnel: funnelOf(facts.participants),
    daysToMatch: medianDaysToMatch(facts.participants),
    trends: trendsOf(facts.weeks, program.cadence),
    health: healthSection(facts, program, now),
    ratings: ratingDistribution(facts.ratings),
    survey: surveySummary(facts.survey),
    milestones: milestoneCompletion(facts.circles),
    load: mentorLoad(facts.participants),
    insights,
    weights: settings.weights,
    suggestions: suggestWeights(insights, settings.weights, OUTCOME_LABELS),
    criterionLabels: CRITERION_LABELS,
  };
}

export type ProgramDashboard = Awaited<ReturnType<typeof viewProgramDashboard>>;

const targetSchema = z.object({ target: z.coerce.number().int().min(1).max(100) });

export async function setMatchRateTarget(deps: AnalyticsDeps, scope: CourseScope, programId: string, input: unknown) {
  await getProgram(deps, scope, programId);
  const parsed = targetSchema.safeParse(input);
  if (!parsed.success) throw analyticsError('TARGET_INVALID', { programId });
  await deps.analytics.saveMatchRateTarget(scope, programId, parsed.data.target, scope.userId);
}

/** What the apply form carries: the weights and suggestions the admin looked at. */
export const basisOf = (d: Pick<ProgramDashboard, 'weights' | 'suggestions'>) =>
  JSON.stringify({ weights: d.weights, to: d.suggestions.map((s) => [s.criterion, s.to]) });

/**
 * Applies the dashboard's weight suggestions as they are now (recomputed, never taken from the
 * form), only if they are the ones the admin saw; audited with their evidence.
 */
export async function applySuggestedWeights(deps: AnalyticsDeps, scope: CourseScope, programId: string, input: { basis?: unknown }, now: Date) {
  const dashboard = await viewProgramDashboard(deps, scope, programId, now);
  if (dashboard.suggestions.length === 0) throw analyticsError('NO_SUGGESTION', { programId });
  if (input.basis !== basisOf(dashboard)) throw analyticsError('WEIGHTS_CHANGED', { programId });
  const stored = (await deps.matches.settings(scope, programId)) ?? defaultMatchSettings(dashboard.program);
  const after = { ...stored.weights };
  for (const s of dashboard.suggestions) after[s.criterion] = s.to;
  const change = { before: stored.weights, after, evidence: dashboard.suggestions };
  const applied = await deps.analytics.applyWeights(scope, programId, change, { ...stored, weights: after }, scope.userId);
  if (!applied) throw analyticsError('WEIGHTS_CHANGED', { programId });
  return dashboard.suggestions;
}
