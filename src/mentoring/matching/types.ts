/** The matching engine's vocabulary: profiles in, scored and explained pairs out. */

export type ProgramType = 'one-on-one' | 'group' | 'reverse' | 'peer';
export type ProgramRole = 'mentor' | 'mentee' | 'peer';
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A weekly window in the participant's own time zone; `end` may be '24:00', and end ≤ start runs past midnight. */
export interface WeeklyWindow {
  day: Weekday;
  start: string;
  end: string;
}

export interface ExperienceAreas {
  markets?: string[];
  functions?: string[];
  crises?: string[];
}

/**
 * One person in a program. Mentee fields: growthSkills, goals (what they pursue), learningStyle,
 * experienceYears. Mentor fields: strengths, goals (what they can help with), experienceAreas,
 * mentoringStyles, capacity. Peers fill both sides. Skill ids come from the program's taxonomy.
 */
export interface Participant {
  id: string;
  name?: string;
  role: ProgramRole;
  division?: string;
  geography?: string;
  /** IANA time zone of the availability windows; UTC when absent. */
  timeZone?: string;
  languages?: string[];
  availability?: WeeklyWindow[];
  /** Higher is more senior; reverse mentoring needs mentor.seniority < mentee.seniority. */
  seniority?: number;
  generation?: string;
  managerId?: string;
  teamId?: string;
  notWith?: string[];
  growthSkills?: string[];
  goals?: string[];
  learningStyle?: string;
  experienceYears?: number;
  strengths?: string[];
  experienceAreas?: ExperienceAreas;
  mentoringStyles?: string[];
  capacity?: number;
}

export const CRITERIA = ['complementarity', 'goals', 'experience', 'diversity', 'availability', 'language', 'learningStyle'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** `must` is a hard filter (no points); the others earn points (high 5, medium 3, low 1 by default). */
export type Weight = 'must' | 'high' | 'medium' | 'low' | 'off';
export type Objective = 'highest-score' | 'highest-participation';

export interface MatchingSettings {
  programType: ProgramType;
  objective: Objective;
  weights: Record<Criterion, Weight>;
  points: Record<'high' | 'medium' | 'low', number>;
  /** Which differences count as a fresh perspective. */
  diversity: { division: boolean; geography: boolean; generation: boolean };
  /** Hard rule: pairs need at least this much shared weekly time (0 = no rule). */
  minOverlapMinutes: number;
  /** Hard rule: never pair someone with their own manager or a member of their own team. */
  excludeOwnManagerAndTeam: boolean;
  /** Monday (YYYY-MM-DD) of the week whose UTC offsets convert local windows; DST as on that week. */
  referenceWeek: string;
  /** One-on-one and reverse: mentees per mentor when the profile gives no capacity. */
  defaultCapacity: number;
  /** Group circles: mentees per circle (a mentor's own capacity can only lower it). */
  circleSize: number;
  /** Group circles: at most this many mentees of one division per circle (absent = no limit). */
  maxSameDivisionPerCircle?: number;
  /** Shared minutes per week that earn full availability points. */
  availabilityTargetMinutes: number;
  /** New experience areas that earn full breadth points. */
  breadthTarget: number;
  /** Skill id → display name, for explanations. */
  skillNames: Record<string, string>;
}

export interface CriterionScore {
  criterion: Criterion;
  weight: Weight;
  points: number;
  maxPoints: number;
  explanation: string;
}

export type BlockRule =
  | 'role'
  | 'self'
  | 'capacity'
  | 'not-with'
  | 'manager-or-team'
  | 'language'
  | 'availability'
  | 'seniority'
  | 'forbidden'
  | `must-${Exclude<Criterion, 'language' | 'availability'>}`;

export interface Blocker {
  rule: BlockRule;
  explanation: string;
}

export interface PairScore {
  eligible: boolean;
  /** 0–100: points earned over points achievable; 0 when not eligible. */
  score: number;
  criteria: CriterionScore[];
  blockedBy: Blocker[];
}

/** For peers, mentorId and menteeId are simply the two partners. */
export interface PairRef {
  mentorId: string;
  menteeId: string;
}

export interface MatchingProblem {
  participants: Participant[];
  settings: MatchingSettings;
  pins?: PairRef[];
  forbidden?: PairRef[];
}

export interface MatchedPair extends PairRef {
  score: number;
  pinned: boolean;
  criteria: CriterionScore[];
}

export interface UnmatchedParticipant {
  participantId: string;
  role: ProgramRole;
  reasons: string[];
}

export interface MatchStats {
  mentees: number;
  mentors: number;
  totalCapacity: number;
  eligiblePairs: number;
  matched: number;
  totalScore: number;
  averageScore: number;
  /** The integer the solver maximised (see objectiveWeight); equal values mean equally good results. */
  objectiveValue: number;
}

export interface MatchResult {
  programType: ProgramType;
  objective: Objective;
  pairs: MatchedPair[];
  unmatched: UnmatchedParticipant[];
  stats: MatchStats;
}
