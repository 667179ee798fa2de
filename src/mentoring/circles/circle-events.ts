import { domainEvent, type DomainEvent } from '../events.js';
import type { CourseScope } from '../programs/ports.js';
import type { CircleChange, CircleIdOf } from './ports.js';

/** circle_joined / circle_left for each membership change, the member as actor. */
export function membershipEvents(scope: CourseScope, programId: string, changes: readonly CircleChange[], idOf: CircleIdOf, userIdOf: (participantId: string) => string): DomainEvent[] {
  const base = { tenantId: scope.tenantId, courseId: scope.courseId, programId };
  return changes.flatMap((c): DomainEvent[] => {
    if (c.kind === 'join') return [domainEvent('circle_joined', { ...base, circleId: idOf(c.circle), actorUserId: userIdOf(c.participantId), data: { role: c.role } })];
    if (c.kind === 'leave') return [domainEvent('circle_left', { ...base, circleId: c.circleId, actorUserId: userIdOf(c.participantId), data: { reason: c.reason } })];
    return [];
  });
}
