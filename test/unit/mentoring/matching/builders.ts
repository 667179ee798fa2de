import { matchingSettings } from '../../../../src/mentoring/matching/settings.js';
import type { MatchingProblem, Participant, WeeklyWindow } from '../../../../src/mentoring/matching/types.js';

/** Fixtures for matching tests: plain profiles that are eligible with each other unless told otherwise. */

const WEEKDAY_MORNINGS: WeeklyWindow[] = [
  { day: 'mon', start: '09:00', end: '11:00' },
  { day: 'wed', start: '09:00', end: '11:00' },
];

export function buildMentor(overrides: Partial<Participant> = {}): Participant {
  return {
    id: 'mentor-1',
    role: 'mentor',
    timeZone: 'UTC',
    languages: ['English'],
    availability: WEEKDAY_MORNINGS,
    capacity: 1,
    ...overrides,
  };
}

export function buildMentee(overrides: Partial<Participant> = {}): Participant {
  return { id: 'mentee-1', role: 'mentee', timeZone: 'UTC', languages: ['English'], availability: WEEKDAY_MORNINGS, ...overrides };
}

export function buildPeer(overrides: Partial<Participant> = {}): Participant {
  return { id: 'peer-1', role: 'peer', timeZone: 'UTC', languages: ['English'], availability: WEEKDAY_MORNINGS, ...overrides };
}

/** Settings where only complementarity earns points, so a score is the share of growth areas covered. */
export function skillsOnlySettings(overrides: Parameters<typeof matchingSettings>[0] = {}) {
  return matchingSettings({
    minOverlapMinutes: 0,
    ...overrides,
    weights: { complementarity: 'high', goals: 'off', experience: 'off', diversity: 'off', availability: 'off', language: 'must', learningStyle: 'off', ...overrides.weights },
  });
}

export function buildProblem(participants: Participant[], overrides: Partial<MatchingProblem> = {}): MatchingProblem {
  return { participants, settings: skillsOnlySettings(), ...overrides };
}
