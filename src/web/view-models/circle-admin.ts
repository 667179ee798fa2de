import type { Circle } from '../../mentoring/circles/ports.js';
import type { CircleOverview } from '../../mentoring/matches/circle-overview.js';
import { clampPage, type PageRequest } from './pager.js';

const ROLE_WORDS = { mentor: 'Mentor', mentee: 'Mentee', peer: 'Peer' } as const;

/** What needs a look in a circle, in words. */
function flagsOf(circle: Circle, sizeMin: number, group: boolean): string[] {
  const flags: string[] = [];
  const mentors = circle.members.filter((m) => m.role === 'mentor').length;
  if (circle.members.some((m) => m.role !== 'peer') && mentors === 0) flags.push('no mentor');
  if (circle.members.length < 2) flags.push('fewer than two people');
  if (group && circle.members.length < sizeMin) flags.push(`below the smallest size (${sizeMin})`);
  if (group && circle.members.length >= circle.capacity) flags.push('full');
  return flags;
}

/** Rotation moves and stays shown on the page; the rest are counted. */
const ROTATION_SHOWN = 20;

const matches = (circle: Circle, q: string) => {
  const needle = q.toLowerCase();
  return !needle || circle.name.toLowerCase().includes(needle) || circle.members.some((m) => m.name.toLowerCase().includes(needle));
};

/** Circles with a free place, other than `circleId`: where someone from it could move. */
export function moveTargets(circles: readonly Circle[], circleId: string): Circle[] {
  return circles.filter((t) => t.status === 'active' && t.id !== circleId && t.members.length < t.capacity);
}

/**
 * One page of the circles (searched by circle or member name) with their flags; moving someone
 * opens a page of target circles, so the list stays small however many circles there are.
 */
export function circleAdminModel(preview: CircleOverview, programPath: string, page: PageRequest) {
  const group = preview.settings.programType === 'group';
  const found = preview.circles.filter((c) => matches(c, page.q));
  const shown = clampPage(page, found.length);
  const withRoom = preview.circles.filter((t) => t.status === 'active' && t.members.length < t.capacity);
  const name = preview.nameOf;
  return {
    program: preview.program, peer: preview.settings.programType === 'peer', total: found.length, page: shown,
    circles: found.slice(shown.offset, shown.offset + shown.limit).map((c) => ({
      id: c.id, name: c.name, status: c.status, capacity: c.capacity, size: c.members.length, timeZone: c.timeZone, startedOn: c.startedOn,
      flags: flagsOf(c, preview.program.circleSizeMin, group),
      members: c.members.map((m) => ({
        participantId: m.participantId, name: m.name, role: ROLE_WORDS[m.role], attention: m.attention, circleId: c.id,
        rebalanceable: m.role === 'mentee' && c.members.some((x) => x.role === 'mentor'),
        rebalanceUrl: `${programPath}/circles/${c.id}/rebalance`, moveUrl: `${programPath}/circles/${c.id}/move`,
        movable: withRoom.some((t) => t.id !== c.id),
      })),
    })),
    rotation: {
      plan: preview.plan && { ...preview.plan, lastRotatedAt: preview.plan.lastRotatedAt?.toISOString().slice(0, 10) ?? null },
      unsupported: preview.unsupported,
      moves: preview.moves.slice(0, ROTATION_SHOWN).map((m) => ({ mentee: name(m.menteeId), from: name(m.fromMentorId), to: name(m.toMentorId), score: m.score })),
      movesMore: Math.max(0, preview.moves.length - ROTATION_SHOWN), anyMoves: preview.moves.length > 0,
      stays: preview.stays.slice(0, ROTATION_SHOWN).map((s) => ({ mentee: name(s.menteeId), reasons: s.reasons })),
      staysMore: Math.max(0, preview.stays.length - ROTATION_SHOWN),
    },
  };
}
