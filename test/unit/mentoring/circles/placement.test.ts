import { expect } from 'chai';
import { leaveCircle, placePairs, type PlacementContext } from '../../../../src/mentoring/circles/placement.js';
import type { Circle, CircleRole } from '../../../../src/mentoring/circles/ports.js';

const ctx = (programType: PlacementContext['programType']): PlacementContext => ({
  programId: 'prog', programType, startedOn: '2027-01-11', groupCapacity: 4, nameOf: (id) => id.toUpperCase(), timeZoneOf: (id) => (id === 'ana' ? 'Asia/Tokyo' : undefined),
});

function buildCircle(id: string, members: Array<[string, CircleRole]>, capacity = 4): Circle {
  return {
    id, programId: 'prog', name: id, status: 'active', capacity, startedOn: '2027-01-11', timeZone: 'UTC',
    members: members.map(([participantId, role]) => ({ membershipId: `${id}-${participantId}`, participantId, userId: `u-${participantId}`, name: participantId, role, joinedAt: new Date(), attention: null })),
  };
}

describe('placing matched pairs in circles', () => {
  it('when one-on-one pairs are placed, then each pair gets a circle of two in the mentor\'s time zone', () => {
    const changes = placePairs(ctx('one_on_one'), [{ mentorId: 'ana', menteeId: 'bo' }], []);
    expect(changes).to.deep.equal([
      { kind: 'create', key: 'pair:ana:bo', circle: { programId: 'prog', name: 'ANA & BO', capacity: 2, startedOn: '2027-01-11', timeZone: 'Asia/Tokyo' } },
      { kind: 'join', circle: { key: 'pair:ana:bo' }, participantId: 'ana', role: 'mentor' },
      { kind: 'join', circle: { key: 'pair:ana:bo' }, participantId: 'bo', role: 'mentee' },
    ]);
  });

  it('when group mentees are placed and their mentor has a circle with room, then they join it', () => {
    const open = buildCircle('c1', [['cy', 'mentor'], ['di', 'mentee']]);
    const changes = placePairs(ctx('group'), [{ mentorId: 'cy', menteeId: 'eve' }, { mentorId: 'cy', menteeId: 'fay' }], [open]);
    expect(changes).to.deep.equal([
      { kind: 'join', circle: { id: 'c1' }, participantId: 'eve', role: 'mentee' },
      { kind: 'join', circle: { id: 'c1' }, participantId: 'fay', role: 'mentee' },
    ]);
  });

  it('when the mentor\'s group circle has no room for all, then a new circle is formed for them', () => {
    const full = buildCircle('c1', [['cy', 'mentor'], ['di', 'mentee'], ['gus', 'mentee']]);
    const changes = placePairs(ctx('group'), [{ mentorId: 'cy', menteeId: 'eve' }, { mentorId: 'cy', menteeId: 'fay' }], [full]);
    expect(changes[0]).to.deep.include({ kind: 'create', key: 'group:cy' });
    expect(changes.filter((c) => c.kind === 'join')).to.have.length(3);
  });

  it('when peers are placed, then both join their circle as peers', () => {
    const roles = placePairs(ctx('peer'), [{ mentorId: 'ana', menteeId: 'bo' }], []).flatMap((c) => (c.kind === 'join' ? [c.role] : []));
    expect(roles).to.deep.equal(['peer', 'peer']);
  });

  it('when the mentee of a pair leaves, then the circle closes and the mentor leaves it too', () => {
    expect(leaveCircle(buildCircle('c1', [['ana', 'mentor'], ['bo', 'mentee']], 2), 'bo', 'rebalanced')).to.deep.equal([
      { kind: 'leave', circleId: 'c1', participantId: 'bo', reason: 'rebalanced' },
      { kind: 'leave', circleId: 'c1', participantId: 'ana', reason: 'circle closed' },
      { kind: 'close', circleId: 'c1' },
    ]);
  });

  it('when one mentee leaves a group circle that keeps others, then only they leave', () => {
    expect(leaveCircle(buildCircle('c1', [['cy', 'mentor'], ['di', 'mentee'], ['eve', 'mentee']]), 'di', 'moved')).to.have.length(1);
  });
});
