import type { ProgramType } from '../programs/program-options.js';
import type { Circle, CircleChange, CircleRef, CircleRole } from './ports.js';

export interface PlacementContext {
  programId: string;
  programType: ProgramType;
  startedOn: string;
  /** People in a group circle, its mentor included. */
  groupCapacity: number;
  nameOf(participantId: string): string;
  timeZoneOf(participantId: string): string | undefined;
}

interface Pair {
  mentorId: string;
  menteeId: string;
}

const join = (circle: CircleRef, participantId: string, role: CircleRole): CircleChange => ({ kind: 'join', circle, participantId, role });

/** The mentor's open group circle with room left, if any. */
export function openGroupCircleOf(circles: readonly Circle[], mentorId: string): Circle | undefined {
  return circles.find((c) => c.status === 'active' && c.members.length < c.capacity && c.members.some((m) => m.participantId === mentorId && m.role === 'mentor'));
}

function pairCircle(ctx: PlacementContext, pair: Pair, peer: boolean): CircleChange[] {
  const key = `pair:${pair.mentorId}:${pair.menteeId}`;
  const name = `${ctx.nameOf(pair.mentorId)} & ${ctx.nameOf(pair.menteeId)}`;
  const timeZone = ctx.timeZoneOf(pair.mentorId);
  return [
    { kind: 'create', key, circle: { programId: ctx.programId, name, capacity: 2, startedOn: ctx.startedOn, ...(timeZone && { timeZone }) } },
    join({ key }, pair.mentorId, peer ? 'peer' : 'mentor'),
    join({ key }, pair.menteeId, peer ? 'peer' : 'mentee'),
  ];
}

function groupCircles(ctx: PlacementContext, pairs: readonly Pair[], circles: readonly Circle[]): CircleChange[] {
  const byMentor = new Map<string, string[]>();
  for (const p of pairs) byMentor.set(p.mentorId, [...(byMentor.get(p.mentorId) ?? []), p.menteeId]);
  return [...byMentor].flatMap(([mentorId, mentees]) => {
    const open = openGroupCircleOf(circles, mentorId);
    if (open && open.capacity - open.members.length >= mentees.length) return mentees.map((id) => join({ id: open.id }, id, 'mentee'));
    const key = `group:${mentorId}`;
    const timeZone = ctx.timeZoneOf(mentorId);
    const capacity = Math.max(ctx.groupCapacity, mentees.length + 1);
    return [
      { kind: 'create', key, circle: { programId: ctx.programId, name: `${ctx.nameOf(mentorId)}'s circle`, capacity, startedOn: ctx.startedOn, ...(timeZone && { timeZone }) } },
      join({ key }, mentorId, 'mentor'),
      ...mentees.map((id) => join({ key }, id, 'mentee')),
    ] satisfies CircleChange[];
  });
}

/**
 * Circles for new matches: one-on-one and reverse pairs each get a circle, group mentees join
 * their mentor's circle (a new one when it is full or missing), peers pair up.
 */
export function placePairs(ctx: PlacementContext, pairs: readonly Pair[], circles: readonly Circle[]): CircleChange[] {
  if (ctx.programType === 'group') return groupCircles(ctx, pairs, circles);
  return pairs.flatMap((pair) => pairCircle(ctx, pair, ctx.programType === 'peer'));
}

/**
 * Someone leaves a circle. A pair circle (or a group circle left with nobody but its mentor) closes
 * and the rest leave it too; `keepOpen` keeps a group circle that others are about to join.
 */
export function leaveCircle(circle: Circle, participantId: string, reason: string, keepOpen = false): CircleChange[] {
  const stay = circle.members.filter((m) => m.participantId !== participantId);
  if (keepOpen || (stay.length >= 2 && stay.some((m) => m.role !== 'mentor'))) return [{ kind: 'leave', circleId: circle.id, participantId, reason }];
  return [
    { kind: 'leave', circleId: circle.id, participantId, reason },
    ...stay.map((m): CircleChange => ({ kind: 'leave', circleId: circle.id, participantId: m.participantId, reason: 'circle closed' })),
    { kind: 'close', circleId: circle.id },
  ];
}
