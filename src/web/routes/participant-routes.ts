import { Router } from 'express';
import type { ProgramRepository } from '../../mentoring/programs/ports.js';
import { ACTIVITIES, CADENCES, isActivity, PROGRAM_TYPES, PURPOSES, type ActivityKind } from '../../mentoring/programs/program-options.js';
import { getProgram } from '../../mentoring/programs/program-use-cases.js';
import type { ParticipantStore } from '../../mentoring/roster/participant-ports.js';
import { nominateSelfAsMentor } from '../../mentoring/roster/participant-use-cases.js';
import { AppError } from '../../shared/errors.js';
import type { RenderView } from '../views.js';
import type { PromptPanels } from '../view-models/prompt-panels.js';
import { ROLE_LABELS } from '../view-models/participant-rows.js';
import { isUuid, param, redirectTo, scopeOf, sessionOf, urlFor } from './route-helpers.js';
import type { LearnerFactsStore } from '../../mentoring/guided/learner-stage.js';
import type { Clock } from '../../shared/clock.js';
import { learnerNextStep } from '../view-models/learner-next-step.js';

interface Deps {
  render: RenderView;
  programs: ProgramRepository;
  participants: ParticipantStore;
  promptPanels?: PromptPanels;
  learnerFacts: LearnerFactsStore;
  clock: Clock;
}

/** A participant's view of their program. Staff opening it go to the admin page. */
export function participantRoutes(deps: Deps): Router {
  const router = Router();
  const programIdOf = (raw: string) => {
    if (!isUuid(raw)) throw new AppError('PROGRAM_NOT_FOUND', 404, 'There is no such mentoring program in this course.', { cause: { programId: raw } });
    return raw;
  };

  router.get('/programs/:programId', async (req, res) => {
    const session = sessionOf(res);
    const programId = programIdOf(param(req, 'programId'));
    if (session.courseRole === 'staff') return redirectTo(res, `/staff/programs/${programId}`);
    const scope = scopeOf(res);
    const program = await getProgram(deps, scope, programId);
    const me = await deps.participants.findByUser(scope, programId, scope.userId);
    if (!me || me.status !== 'active') throw new AppError('NOT_A_PARTICIPANT', 403, 'You are not a participant of this program.', { advice: 'Open the activity from your course; if you joined the course recently, try again in a moment.' });
    const activity: ActivityKind = session.programId === programId && isActivity(session.activity) ? session.activity : 'hub';
    const now = deps.clock.now();
    const facts = await deps.learnerFacts.facts(scope, programId, me.id, now);
    const next = learnerNextStep(program, me.programRole, facts, now, (rest) => urlFor(res, `/programs/${programId}${rest}`));
    res.type('html').send(deps.render('programs/participant', {
      next,
      title: program.title, courseTitle: session.courseTitle, formAuth: res.locals.formAuth,
      activity: { kind: activity, label: ACTIVITIES[activity].label, description: ACTIVITIES[activity].description },
      program: { ...program, purposeLabel: PURPOSES[program.purpose], typeLabels: program.programTypes.map((t) => PROGRAM_TYPES[t]), cadenceLabel: CADENCES[program.cadence] },
      me: { role: ROLE_LABELS[me.programRole], nominated: me.mentorNomination === 'nominated', canNominate: program.mentorSelection === 'self_nomination' && me.programRole === 'mentee' && me.mentorNomination !== 'nominated' },
      prompts: (await deps.promptPanels?.forLearner(res, [programId]))?.[programId] ?? null,
      nominated: req.query.notice === 'nominated', nominateUrl: `/programs/${programId}/nominate`, homeUrl: urlFor(res, '/home'), returnUrl: session.returnUrl,
    }));
  });

  router.post('/programs/:programId/nominate', async (req, res) => {
    const programId = programIdOf(param(req, 'programId'));
    await nominateSelfAsMentor(deps, scopeOf(res), programId);
    redirectTo(res, `/programs/${programId}`, { notice: 'nominated' });
  });

  return router;
}
