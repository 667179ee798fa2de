import { matchingSettings } from '../../../../src/mentoring/matching/settings.js';
import type { MatchingProblem, Participant, ProgramType, Weekday, WeeklyWindow } from '../../../../src/mentoring/matching/types.js';
import { intBetween, pick, someOf, type Random } from './seeded-random.js';

/** Small random cohorts with every kind of rule in play, for property tests against brute force. */

const SKILLS = ['s1', 's2', 's3', 's4', 's5'];
const LANGUAGES = ['English', 'French', 'German'];
const DIVISIONS = ['Sales', 'Engineering', 'Finance'];
const ZONES = ['UTC', 'Europe/Paris', 'Europe/London', 'America/New_York', 'Asia/Tokyo'];
const DAYS: Weekday[] = ['mon', 'tue', 'wed'];

function windows(random: Random): WeeklyWindow[] {
  return Array.from({ length: intBetween(random, 0, 3) }, () => {
    const start = intBetween(random, 6, 18);
    return { day: pick(random, DAYS), start: `${start}:00`, end: `${start + intBetween(random, 2, 6)}:00` };
  });
}

function person(random: Random, id: string, role: Participant['role']): Participant {
  const languages = someOf(random, LANGUAGES, 0.6);
  return {
    id,
    role,
    languages: languages.length > 0 ? languages : ['English'],
    timeZone: pick(random, ZONES),
    availability: windows(random),
    division: random() < 0.9 ? pick(random, DIVISIONS) : undefined,
    seniority: intBetween(random, 1, 5),
    growthSkills: someOf(random, SKILLS, 0.4),
    strengths: someOf(random, SKILLS, 0.5),
    capacity: intBetween(random, 0, 3),
    teamId: random() < 0.15 ? 'team-1' : undefined,
  };
}

function randomSettings(random: Random, programType: ProgramType) {
  return matchingSettings({
    programType,
    objective: random() < 0.5 ? 'highest-score' : 'highest-participation',
    minOverlapMinutes: pick(random, [0, 0, 0, 60]),
    circleSize: intBetween(random, 1, 3),
    maxSameDivisionPerCircle: programType === 'group' && random() < 0.7 ? intBetween(random, 1, 2) : undefined,
    weights: {
      complementarity: pick(random, ['high', 'medium', 'medium', 'must'] as const),
      availability: pick(random, ['low', 'off'] as const),
      language: pick(random, ['must', 'low'] as const),
      diversity: 'low',
      goals: 'off',
      experience: 'off',
      learningStyle: 'off',
    },
  });
}

function randomForbidden(random: Random, a: Participant[], b: Participant[]) {
  return a.flatMap((x) => b.filter(() => random() < 0.1).map((y) => ({ mentorId: x.id, menteeId: y.id })));
}

export function randomBipartiteProblem(random: Random): MatchingProblem {
  const programType = pick(random, ['one-on-one', 'group', 'reverse'] as const);
  const mentors = Array.from({ length: intBetween(random, 0, 3) }, (_, j) => person(random, `mentor${j}`, 'mentor'));
  const mentees = Array.from({ length: intBetween(random, 0, 6) }, (_, i) => person(random, `mentee${i}`, 'mentee'));
  return { participants: [...mentors, ...mentees], settings: randomSettings(random, programType), forbidden: randomForbidden(random, mentors, mentees) };
}

export function randomPeerProblem(random: Random): MatchingProblem {
  const peers = Array.from({ length: intBetween(random, 0, 9) }, (_, i) => person(random, `peer${i}`, 'peer'));
  return { participants: peers, settings: randomSettings(random, 'peer'), forbidden: randomForbidden(random, peers, peers) };
}
