import { circleDivisionLimit, divisionGroups, type Assignment } from './bipartite-solver.js';
import { blockedReasons } from './blocked-reasons.js';
import { pairIndex, type Cohort } from './cohort.js';
import { countOf } from './text.js';
import type { UnmatchedParticipant } from './types.js';

/** Who is left without a partner, and why, from what the solver saw. */

interface Loads {
  load: Int32Array;
  pinnedLoad: Int32Array;
  /** (division · mentors + mentor) → mentees of that division in the mentor's circle. */
  inGroup: Map<number, number>;
  ofMentee: Int32Array;
}

function loadsOf(cohort: Cohort, { partnerOf, pinned }: Assignment): Loads {
  const m = cohort.mentors.length;
  const load = new Int32Array(m);
  const pinnedLoad = new Int32Array(m);
  const inGroup = new Map<number, number>();
  const { ofMentee } = divisionGroups(cohort);
  partnerOf.forEach((j, i) => {
    if (j < 0) return;
    load[j] = load[j]! + 1;
    if (pinned[i]) pinnedLoad[j] = pinnedLoad[j]! + 1;
    const key = ofMentee[i]! * m + j;
    if (ofMentee[i]! >= 0) inGroup.set(key, (inGroup.get(key) ?? 0) + 1);
  });
  return { load, pinnedLoad, inGroup, ofMentee };
}

/** Candidates on the other side split into eligible indices and the blocked masks of the rest. */
function candidates(cohort: Cohort, index: (k: number) => number, count: number, skip = -1): { eligible: number[]; masks: number[] } {
  const eligible: number[] = [];
  const masks: number[] = [];
  for (let k = 0; k < count; k++) {
    if (k === skip) continue;
    if (cohort.scores[index(k)]! >= 0) eligible.push(k);
    else masks.push(cohort.blocked[index(k)]!);
  }
  return { eligible, masks };
}

const isAre = (n: number) => (n === 1 ? 'is' : 'are');

function menteeReasons(cohort: Cohort, i: number, loads: Loads): string[] {
  const { eligible, masks } = candidates(cohort, (j) => pairIndex(cohort, i, j), cohort.mentors.length);
  const mentee = cohort.mentees[i]!;
  if (eligible.length === 0) return blockedReasons(masks, 'mentor', mentee, cohort.settings);
  const m = cohort.mentors.length;
  const limit = circleDivisionLimit(cohort);
  const g = loads.ofMentee[i]!;
  const full = eligible.filter((j) => loads.load[j]! >= cohort.capacity[j]!);
  const circleFull = eligible.filter((j) => loads.load[j]! < cohort.capacity[j]! && limit !== undefined && g >= 0 && (loads.inGroup.get(g * m + j) ?? 0) >= limit);
  const reasons: string[] = [];
  if (full.length === 1 && eligible.length === 1) reasons.push(`The only eligible mentor, ${cohort.mentors[full[0]!]!.name}, is at capacity`);
  else if (full.length === eligible.length) reasons.push(`All ${eligible.length} eligible mentors are at capacity`);
  else if (full.length > 0) reasons.push(`${countOf(full.length, 'eligible mentor')} ${isAre(full.length)} at capacity`);
  const pinnedPlaces = full.reduce((sum, j) => sum + loads.pinnedLoad[j]!, 0);
  if (pinnedPlaces > 0) reasons.push(`${pinnedPlaces} of their places ${isAre(pinnedPlaces)} pinned by the admin`);
  if (circleFull.length > 0) {
    reasons.push(`${countOf(circleFull.length, 'eligible mentor')} already ${circleFull.length === 1 ? 'has' : 'have'} ${countOf(limit ?? 0, 'mentee')} from ${mentee.participant.division} in the circle, the most the program allows`);
  }
  return reasons.length > 0 ? reasons : ['Not matched, so that the overall result stays the best possible'];
}

/** For a mentor with nobody, or a peer left single. */
function partnerReasons(cohort: Cohort, j: number, { pinned }: Assignment): string[] {
  const noun = cohort.isPeer ? 'peer' : 'mentee';
  const self = cohort.mentors[j]!;
  if (!cohort.isPeer && cohort.capacity[j]! <= 0) return ['No places offered (capacity 0)'];
  const { eligible, masks } = candidates(cohort, (i) => pairIndex(cohort, i, j), cohort.mentees.length, cohort.isPeer ? j : -1);
  if (eligible.length === 0) return blockedReasons(masks, noun, self, cohort.settings);
  const taken = cohort.isPeer ? 'paired with others' : 'matched with other mentors';
  const first = eligible.length === 1
    ? `The only eligible ${noun}, ${cohort.mentees[eligible[0]!]!.name}, was ${taken}, for the best overall result`
    : `All ${eligible.length} eligible ${noun}s were ${taken}, for the best overall result`;
  const pinnedElsewhere = eligible.filter((i) => pinned[i]).length;
  return pinnedElsewhere > 0 ? [first, `${pinnedElsewhere} of them ${isAre(pinnedElsewhere)} pinned elsewhere by the admin`] : [first];
}

export function unmatchedParticipants(cohort: Cohort, assignment: Assignment): UnmatchedParticipant[] {
  const { partnerOf } = assignment;
  if (cohort.isPeer) {
    return cohort.mentees.flatMap((p, v) => (partnerOf[v]! >= 0 ? [] : [{ participantId: p.id, role: 'peer' as const, reasons: partnerReasons(cohort, v, assignment) }]));
  }
  const loads = loadsOf(cohort, assignment);
  const mentees = cohort.mentees.flatMap((p, i) => (partnerOf[i]! >= 0 ? [] : [{ participantId: p.id, role: 'mentee' as const, reasons: menteeReasons(cohort, i, loads) }]));
  const mentors = cohort.mentors.flatMap((p, j) => (loads.load[j]! > 0 ? [] : [{ participantId: p.id, role: 'mentor' as const, reasons: partnerReasons(cohort, j, assignment) }]));
  return [...mentees, ...mentors];
}
