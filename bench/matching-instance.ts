import { matchingSettings } from '../src/mentoring/matching/settings.js';
import type { MatchingProblem, Participant, Weekday, WeeklyWindow } from '../src/mentoring/matching/types.js';
import { intBetween, pick, seededRandom, type Random } from '../test/unit/mentoring/matching/seeded-random.js';

/** A realistic, seeded cohort for the matching benchmark: a global company's leadership program. */

const SKILLS = Array.from({ length: 40 }, (_, k) => `skill-${k}`);
const SKILL_NAMES = ['negotiation', 'coaching', 'finance', 'strategy', 'public speaking', 'delegation', 'feedback', 'hiring', 'change management', 'stakeholder management', 'product sense', 'data literacy', 'budgeting', 'conflict resolution', 'storytelling', 'prioritisation', 'decision making', 'crisis leadership', 'inclusion', 'remote leadership', 'sales leadership', 'operations', 'pricing', 'legal basics', 'M&A', 'digital fluency', 'AI literacy', 'design thinking', 'innovation', 'customer empathy', 'executive presence', 'networking', 'mentoring others', 'resilience', 'time management', 'writing', 'board communication', 'risk management', 'procurement', 'sustainability'];
const DIVISIONS = ['Sales', 'Engineering', 'Finance', 'Operations', 'Marketing', 'HR', 'Legal', 'Product'];
const REGIONS: Record<string, Array<[string, string]>> = {
  EMEA: [['Europe/London', 'English'], ['Europe/Paris', 'French'], ['Europe/Berlin', 'German'], ['Europe/Madrid', 'Spanish']],
  AMER: [['America/New_York', 'English'], ['America/Chicago', 'English'], ['America/Los_Angeles', 'Spanish'], ['America/Sao_Paulo', 'Portuguese']],
  APAC: [['Asia/Singapore', 'Mandarin'], ['Asia/Tokyo', 'Japanese'], ['Australia/Sydney', 'English'], ['Asia/Kolkata', 'Hindi']],
};
const GOALS = ['Present a strategic plan to the board', 'Lead a cross-functional initiative', 'Build a high-performing team', 'Negotiate a major contract', 'Manage a budget', 'Grow into a director role', 'Lead through a restructuring', 'Expand into new markets', 'Improve stakeholder communication', 'Coach my direct reports', 'Handle a crisis calmly', 'Drive digital transformation', 'Hire and onboard well', 'Give better feedback', 'Balance delivery and innovation'];
const MARKETS = ['EMEA', 'North America', 'LATAM', 'APAC', 'China', 'India', 'Middle East', 'Africa', 'Nordics', 'DACH'];
const FUNCTIONS = ['Sales', 'Engineering', 'Finance', 'Operations', 'Marketing', 'HR', 'Legal', 'Product'];
const CRISES = ['product recall', 'restructuring', 'cyber incident', 'supply chain', 'market crash', 'merger'];
const STYLES = ['hands-on', 'reflective', 'structured', 'exploratory'];
const GENERATIONS = ['Boomer', 'Gen X', 'Millennial', 'Gen Z'];
const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

function sample<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
  const pool = [...items];
  return Array.from({ length: Math.min(pool.length, intBetween(random, min, max)) }, () => pool.splice(Math.floor(random() * pool.length), 1)[0]!);
}

function availability(random: Random): WeeklyWindow[] {
  return sample(random, WEEKDAYS, 3, 5).map((day) => {
    const start = intBetween(random, 7, 15);
    return { day, start: `${start}:${pick(random, ['00', '30'])}`, end: `${Math.min(19, start + intBetween(random, 2, 4))}:00` };
  });
}

function base(random: Random, id: string, role: Participant['role']): Participant {
  const geography = pick(random, Object.keys(REGIONS));
  const [timeZone, local] = pick(random, REGIONS[geography]!);
  const languages = [...new Set([...(random() < 0.9 ? ['English'] : []), local])];
  return { id, role, name: id, division: pick(random, DIVISIONS), geography, timeZone, languages, availability: availability(random), teamId: `team-${intBetween(random, 1, 300)}` };
}

function mentee(random: Random, i: number, mentorIds: string[]): Participant {
  const years = intBetween(random, 1, 12);
  return {
    ...base(random, `mentee-${i}`, 'mentee'),
    growthSkills: sample(random, SKILLS, 2, 5),
    goals: sample(random, GOALS, 1, 3),
    learningStyle: pick(random, STYLES),
    experienceYears: years,
    experienceAreas: { markets: sample(random, MARKETS, 0, 2), functions: sample(random, FUNCTIONS, 1, 1) },
    seniority: intBetween(random, 1, 5),
    generation: pick(random, GENERATIONS.slice(1)),
    managerId: random() < 0.1 ? pick(random, mentorIds) : undefined,
    notWith: random() < 0.02 ? [pick(random, mentorIds)] : undefined,
  };
}

function mentor(random: Random, j: number): Participant {
  return {
    ...base(random, `mentor-${j}`, 'mentor'),
    strengths: sample(random, SKILLS, 4, 8),
    goals: sample(random, GOALS, 2, 4),
    experienceAreas: { markets: sample(random, MARKETS, 1, 4), functions: sample(random, FUNCTIONS, 1, 3), crises: sample(random, CRISES, 0, 2) },
    mentoringStyles: sample(random, STYLES, 1, 3),
    experienceYears: intBetween(random, 8, 30),
    seniority: intBetween(random, 4, 9),
    generation: pick(random, GENERATIONS.slice(0, 3)),
    capacity: intBetween(random, 1, 6),
  };
}

export function benchmarkProblem(seed: number, mentees: number, mentors: number): MatchingProblem {
  const random = seededRandom(seed);
  const mentorList = Array.from({ length: mentors }, (_, j) => mentor(random, j));
  const ids = mentorList.map((m) => m.id);
  const menteeList = Array.from({ length: mentees }, (_, i) => mentee(random, i, ids));
  const skillNames = Object.fromEntries(SKILLS.map((id, k) => [id, SKILL_NAMES[k]!]));
  return { participants: [...mentorList, ...menteeList], settings: matchingSettings({ skillNames, minOverlapMinutes: 60 }) };
}
