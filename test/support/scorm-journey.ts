import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createParticipantRepository } from '../../src/db/repositories/participant-repository.js';
import {
  createProfileRepository,
  createSkillRepository,
} from '../../src/db/repositories/profile-repository.js';
import { createProgramRepository } from '../../src/db/repositories/program-repository.js';
import { getProgramSkills, saveMyProfile } from '../../src/mentoring/profiles/profile-use-cases.js';
import { assignProgramRole } from '../../src/mentoring/roster/participant-use-cases.js';
import { buildProfileForm } from './matching-world.js';
import { buildUser } from './platform-claims.js';
import type { ScormWorld, StaffCourse } from './scorm-world.js';
import { launchAs, type ToolSession } from './tool-session.js';

const claimsOf = (s: ToolSession) =>
  JSON.parse(Buffer.from(s.token.split('.')[1]!, 'base64url').toString()) as {
    userId: string;
    tenantId: string;
    courseId: string;
  };
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const ok = (res: { status: number; text: string }, what: string) =>
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).to.equal(303);

/**
 * What a package learner does in the program, through the real pages with their own session: a
 * profile, a match (staff run the matching), then everything the completion rule asks (contract
 * agreed, a meeting attended, their goal's milestone done, the close-out survey).
 */
export class MentoringJourney {
  private mentor!: ToolSession;
  circleId = '';
  private readonly deps;
  constructor(
    private readonly world: ScormWorld,
    private readonly course: StaffCourse,
    private readonly mentee: ToolSession,
  ) {
    const db = world.tool.db;
    this.deps = {
      programs: createProgramRepository(db),
      participants: createParticipantRepository(db),
      profiles: createProfileRepository(db),
      skills: createSkillRepository(db),
    };
  }

  private get base() {
    return `/programs/${this.course.programId}/circles/${this.circleId}`;
  }
  private get program() {
    return `/programs/${this.course.programId}`;
  }
  /** A page with a form of the circle: where the CSRF token is read. */
  private get form() {
    return `${this.base}/contract`;
  }

  async participantOf(session: ToolSession): Promise<string> {
    const { tenantId, courseId, userId } = claimsOf(session);
    return (await this.deps.participants.findByUser(
      { tenantId, courseId },
      this.course.programId,
      userId,
    ))!.id;
  }

  private async profile(session: ToolSession, form: Record<string, string | string[]>) {
    const { tenantId, courseId, userId } = claimsOf(session);
    const scope = { tenantId, courseId, userId };
    const skills = await getProgramSkills(this.deps, scope, this.course.programId);
    const ids = (names: string | string[] | undefined) =>
      [names ?? []].flat().map((n) => skills.find((s) => s.name === n)?.id ?? n);
    const saved = await saveMyProfile(this.deps, scope, this.course.programId, {
      ...form,
      growthSkills: ids(form.growthSkills),
      strengths: ids(form.strengths),
    });
    expect(saved.ok, JSON.stringify(saved)).to.equal(true);
  }

  /** Mentee and an LTI mentor fill their profiles; staff propose and approve the match. */
  async getMatched(): Promise<void> {
    const tag = randomBytes(3).toString('hex');
    this.mentor = await launchAs(
      this.world.tool.app.express,
      this.world.platform,
      buildUser({ sub: `mentor-${tag}`, name: 'Mona Mentor' }),
      {
        context: this.course.context,
        targetLinkUri: `${this.world.toolUrl}/lti/launch`,
      },
    );
    const staff = claimsOf(this.course.staff);
    await assignProgramRole(
      this.deps,
      { ...staff },
      this.course.programId,
      await this.participantOf(this.mentor),
      'mentor',
    );
    await this.profile(this.mentee, buildProfileForm());
    await this.profile(this.mentor, buildProfileForm({ division: 'Finance', geography: 'Japan' }));
    const matching = `/staff/programs/${this.course.programId}/matching`;
    ok(await this.course.staff.post(`${matching}/propose`, {}, matching), 'propose');
    const draft = await this.world.tool.db
      .selectFrom('match_proposals')
      .select('id')
      .where('program_id', '=', this.course.programId)
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow();
    ok(
      await this.course.staff.post(`${matching}/approve`, { proposalId: draft.id }, matching),
      'approve',
    );
    const circle = await this.world.tool.db
      .selectFrom('circles')
      .select('id')
      .where('program_id', '=', this.course.programId)
      .executeTakeFirstOrThrow();
    this.circleId = circle.id;
  }

  async agreeContract(): Promise<void> {
    ok(
      await this.mentee.post(
        `${this.base}/contract`,
        {
          baseVersion: '0',
          mentorRole: 'Listens and asks good questions.',
          menteeObjectives: 'Lead a cross-functional initiative.',
          cadence: 'Monthly, one hour, video.',
          confidentiality: 'What we say stays in the circle.',
          feedbackChannel: 'Five minutes at the end.',
          escalationPath: 'Each other first, then the staff.',
        },
        this.form,
      ),
      'contract',
    );
    ok(
      await this.mentor.post(`${this.base}/contract/acknowledge`, { version: '1' }, this.form),
      'acknowledge',
    );
  }

  async attendMeeting(): Promise<void> {
    ok(
      await this.mentor.post(
        `${this.base}/meetings`,
        {
          date: yesterday(),
          time: '10:00',
          durationMinutes: '45',
          mode: 'virtual',
          place: '',
          agenda: '',
          notes: '',
        },
        this.program,
      ),
      'meeting',
    );
    const { id } = await this.world.tool.db
      .selectFrom('circle_meetings')
      .select('id')
      .where('circle_id', '=', this.circleId)
      .executeTakeFirstOrThrow();
    const attendees = [
      await this.participantOf(this.mentor),
      await this.participantOf(this.mentee),
    ];
    ok(
      await this.mentor.post(`${this.base}/meetings/${id}/attendance`, { attendees }, this.program),
      'attendance',
    );
  }

  async completeMilestone(): Promise<void> {
    const owner = await this.participantOf(this.mentee);
    const created = await this.mentee.post(
      `${this.base}/goals`,
      {
        ownerParticipantId: owner,
        title: 'Lead the planning initiative',
        measure: 'Plan approved',
        achievable: 'Two days a month',
        relevant: 'Team lead role',
        dueOn: '2027-05-31',
      },
      this.program,
    );
    ok(created, 'goal');
    const goalId = /\/goals\/([0-9a-f-]{36})/.exec(created.headers.location!)![1]!;
    ok(
      await this.mentee.post(
        `${this.base}/goals/${goalId}/milestones`,
        {
          title: 'Draft the plan',
          criteria: 'A two-page draft exists',
          dueOn: '2027-02-28',
          status: 'in_progress',
        },
        this.program,
      ),
      'milestone',
    );
    const m = await this.world.tool.db
      .selectFrom('goal_milestones')
      .select('id')
      .where('goal_id', '=', goalId)
      .executeTakeFirstOrThrow();
    ok(
      await this.mentee.post(
        `${this.base}/goals/${goalId}/milestones/${m.id}`,
        { status: 'done', evidence: 'Shared it' },
        this.program,
      ),
      'done',
    );
  }

  async answerSurvey(): Promise<void> {
    const staffSurvey = `/staff/programs/${this.course.programId}/survey`;
    ok(await this.course.staff.post(`${staffSurvey}/open`, {}, staffSurvey), 'open survey');
    ok(
      await this.mentee.post(
        `${this.program}/survey`,
        {
          goalProgress: '4',
          relationship: '5',
          confidence: '3',
          clarity: '4',
          wouldRecommend: 'yes',
          comment: '',
        },
        this.program,
      ),
      'survey',
    );
  }
}
