import type { Circle } from '../../mentoring/circles/ports.js';
import type { RotationPreview } from '../../mentoring/matches/rotation-use-cases.js';

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

export function circleAdminModel(preview: RotationPreview, programPath: string) {
  const { ctx } = preview;
  const group = ctx.settings.programType === 'group';
  const active = ctx.circles.filter((c) => c.status === 'active');
  const name = (id: string) => ctx.person(id).name;
  return {
    program: ctx.program, peer: ctx.settings.programType === 'peer',
    circles: ctx.circles.map((c) => ({
      id: c.id, name: c.name, status: c.status, capacity: c.capacity, size: c.members.length, timeZone: c.timeZone, startedOn: c.startedOn,
      flags: flagsOf(c, ctx.program.circleSizeMin, group),
      members: c.members.map((m) => ({
        participantId: m.participantId, name: m.name, role: ROLE_WORDS[m.role], attention: m.attention, circleId: c.id,
        rebalanceable: m.role === 'mentee' && c.members.some((x) => x.role === 'mentor'),
        rebalanceUrl: `${programPath}/circles/${c.id}/rebalance`,
        targets: active.filter((t) => t.id !== c.id && t.members.length < t.capacity).map((t) => ({ id: t.id, name: `${t.name} (${t.members.length}/${t.capacity})` })),
      })),
    })),
    rotation: {
      plan: preview.plan && { ...preview.plan, lastRotatedAt: preview.plan.lastRotatedAt?.toISOString().slice(0, 10) ?? null },
      unsupported: preview.unsupported,
      moves: preview.moves.map((m) => ({ mentee: name(m.menteeId), from: name(m.fromMentorId), to: name(m.toMentorId), score: m.score })),
      stays: preview.stays.map((s) => ({ mentee: name(s.menteeId), reasons: s.reasons })),
    },
  };
}
