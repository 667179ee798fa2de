import { expect } from 'chai';
import type { Express } from 'express';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import { postForm, TOOL_ORIGIN } from './attack-world.js';
import type { ToolSession } from './tool-session.js';

/** Ids no route may take: not UUIDs, injections, huge, and names every JS object has. */
export const CRAFTED_IDS = ['not-a-uuid', "' or 1=1 --", 'a'.repeat(4000), 'constructor', '__proto__', '00000000-0000-0000-0000-000000000000'];

/** Every table a circle, matching or prompt page can write, plus the outbox of events. */
const TABLES = [
  'circles', 'circle_members', 'contract_versions', 'contract_acknowledgements', 'circle_goals', 'goal_milestones', 'circle_meetings',
  'meeting_attendance', 'meeting_feedback', 'survey_answers', 'survey_submissions', 'survey_openings', 'profiles', 'program_skills',
  'match_choices', 'match_constraints', 'match_proposals', 'matching_settings', 'rotation_plans', 'prompt_answers', 'prompt_replies',
  'prompt_versions', 'prompts', 'circle_prompt_changes', 'circle_prompt_pauses', 'prompt_track_items', 'xapi_outbox',
] as const;

/** A snapshot of every row of those tables (the test database is shared, so all of it). */
export async function dbState(db: Db): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {};
  for (const table of TABLES) state[table] = (await sql`select * from ${sql.table(table)}`.execute(db)).rows.map((r) => JSON.stringify(r)).sort();
  return state;
}

/** Runs the probe and checks no row of any of those tables was added, changed or removed. */
export async function expectDbUnchanged(db: Db, probe: () => Promise<void>): Promise<void> {
  const before = await dbState(db);
  await probe();
  const after = await dbState(db);
  const changed = Object.keys(before).filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]));
  expect(changed.map((t) => `${t}: ${JSON.stringify(after[t]!.filter((r) => !before[t]!.includes(r))).slice(0, 600)} (was ${JSON.stringify(before[t]!.filter((r) => !after[t]!.includes(r))).slice(0, 600)})`), 'tables changed').to.deep.equal([]);
}

/** The circle forms as a member fills them in; the meeting lies in the past so feedback is open. */
export const goalForm = (ownerParticipantId: string, overrides: Record<string, string | string[]> = {}) => ({
  ownerParticipantId, title: 'Lead planning', measure: 'Plan approved', achievable: 'Two days a month', relevant: 'Team lead role', dueOn: '2027-05-31', ...overrides,
});
export const contractForm = { baseVersion: '0', mentorRole: 'Listens', menteeObjectives: 'Lead', cadence: 'Monthly', confidentiality: 'Stays here', feedbackChannel: 'End of meeting', escalationPath: 'Staff' };
export const meetingForm = { date: '2026-01-10', time: '09:30', durationMinutes: '45', mode: 'virtual', place: 'https://video.example/r', agenda: 'Goals', notes: 'Private notes' };

export interface Attempt {
  method: 'GET' | 'POST';
  path: string;
  fields?: Record<string, string | string[]>;
}

/** Sends the attempt as this session's own page would (its CSRF token, the tool's Origin). */
export async function attempt(tool: Express, session: ToolSession, auth: { s: string; _csrf: string }, a: Attempt) {
  if (a.method === 'GET') return session.get(a.path);
  return postForm(tool, a.path, { ...a.fields, ...auth }, { Origin: TOOL_ORIGIN });
}

/** Each attempt is answered with one of `statuses` (404 unless told). */
export async function expectEachRefused(tool: Express, session: ToolSession, auth: { s: string; _csrf: string }, attempts: Attempt[], statuses = [404]): Promise<void> {
  for (const a of attempts) {
    const res = await attempt(tool, session, auth, a);
    expect(res.status, `${a.method} ${a.path.slice(0, 160)} → ${res.text.slice(0, 200)}`).to.be.oneOf(statuses);
  }
}
