import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { authFrom, participantIdOf } from './attack-world.js';
import { contractForm, goalForm, meetingForm } from './circle-attack-world.js';
import { buildCircleWorld, type CircleWorld } from './circle-life-world.js';
import type { Auth } from './fuzz-variants.js';
import type { TestPlatform } from './test-platform.js';
import type { TestTool } from './test-tool.js';
import type { ToolSession } from './tool-session.js';

export interface FuzzWorld {
  world: CircleWorld;
  staffAuth: Auth;
  /** The circle's mentor (the session the learner routes are sent with) and the mentee's token. */
  memberAuth: Auth;
  otherAuth: Auth;
  /** A real id for each route parameter the world has a row for; a random UUID for the others. */
  idFor: (param: string) => string;
}

/** A circle with a contract, a goal with a milestone and a meeting, made through the pages. */
export async function buildFuzzWorld(tool: TestTool, platform: TestPlatform): Promise<FuzzWorld> {
  const world = await buildCircleWorld(tool, platform, ['mentor', 'mentee']);
  const [mentor, mentee] = world.members as [ToolSession, ToolSession];
  const menteeId = await participantIdOf(tool.db, world.programId, mentee);
  expect((await world.post(mentee, '/contract', contractForm)).status).to.equal(303);
  const goal = await world.post(mentee, '/goals', goalForm(menteeId));
  expect(goal.status).to.equal(303);
  const goalId = /\/goals\/([0-9a-f-]{36})/.exec(goal.headers.location!)![1]!;
  await world.post(mentee, `/goals/${goalId}/milestones`, { title: 'Step', criteria: 'Done', dueOn: '2027-02-01' });
  const meeting = await world.post(world.members[0]!, '/meetings', meetingForm);
  expect(meeting.status).to.equal(303);
  const milestone = await tool.db.selectFrom('goal_milestones').select('id').where('goal_id', '=', goalId).executeTakeFirst();
  const skill = await tool.db.selectFrom('program_skills').select('id').where('program_id', '=', world.programId).executeTakeFirst();
  const found: Record<string, string | undefined> = {
    programId: world.programId, circleId: world.circleId, goalId, milestoneId: milestone?.id,
    meetingId: /\/meetings\/([0-9a-f-]{36})/.exec(meeting.headers.location!)?.[1], skillId: skill?.id, participantId: menteeId, version: '1',
  };
  const ids = Object.fromEntries(Object.entries(found).filter((e): e is [string, string] => e[1] !== undefined));
  return {
    world,
    staffAuth: await authFrom(world.staff, `/staff/programs/${world.programId}/skills`),
    memberAuth: await authFrom(mentor, `/programs/${world.programId}`),
    otherAuth: await authFrom(mentee, `/programs/${world.programId}`),
    idFor: (param) => (ids[param] ??= randomUUID()),
  };
}
