import type { Criterion, MatchingSettings, Weight } from './types.js';

type SettingsOverrides = Partial<Omit<MatchingSettings, 'weights' | 'points' | 'diversity'>> & {
  weights?: Partial<Record<Criterion, Weight>>;
  points?: Partial<MatchingSettings['points']>;
  diversity?: Partial<MatchingSettings['diversity']>;
};

/** Points in the spirit of Together's 5/3/1; an admin may override them per program. */
export const DEFAULT_POINTS = { high: 5, medium: 3, low: 1 } as const;

const DEFAULTS: MatchingSettings = {
  programType: 'one-on-one',
  objective: 'highest-score',
  weights: {
    complementarity: 'high',
    goals: 'medium',
    experience: 'medium',
    diversity: 'low',
    availability: 'medium',
    language: 'must',
    learningStyle: 'low',
  },
  points: { ...DEFAULT_POINTS },
  diversity: { division: true, geography: true, generation: false },
  minOverlapMinutes: 60,
  excludeOwnManagerAndTeam: true,
  referenceWeek: '2025-01-06',
  defaultCapacity: 2,
  circleSize: 5,
  availabilityTargetMinutes: 180,
  breadthTarget: 4,
  skillNames: {},
};

/** Complete settings from sensible defaults plus what the admin chose. */
export function matchingSettings(overrides: SettingsOverrides = {}): MatchingSettings {
  const { weights, points, diversity, ...rest } = overrides;
  return {
    ...DEFAULTS,
    ...rest,
    weights: { ...DEFAULTS.weights, ...weights },
    points: { ...DEFAULTS.points, ...points },
    diversity: { ...DEFAULTS.diversity, ...diversity },
    skillNames: { ...(rest.skillNames ?? {}) },
  };
}

/** Points a criterion can earn: 0 for `must` (a filter) and `off`. */
export function maxPointsOf(weight: Weight, settings: MatchingSettings): number {
  return weight === 'must' || weight === 'off' ? 0 : settings.points[weight];
}

/** How many mentees a mentor can take in this program. */
export function capacityOf(capacity: number | undefined, settings: MatchingSettings): number {
  if (settings.programType === 'peer') return 1;
  if (settings.programType === 'group') return Math.max(0, Math.min(capacity ?? settings.circleSize, settings.circleSize));
  return Math.max(0, capacity ?? settings.defaultCapacity);
}
