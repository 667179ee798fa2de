import { Router, type Response } from 'express';
import { signDeepLinkingResponse, type ResourceLinkItem } from '../../lti/deep-linking.js';
import type { ToolKeys } from '../../lti/tool-keys.js';
import type { Program, ProgramRepository } from '../../mentoring/programs/ports.js';
import { ACTIVITIES, isActivity, type ActivityKind } from '../../mentoring/programs/program-options.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { DeepLinkRepository, StoredDeepLinkRequest } from '../../db/repositories/deep-link-repository.js';
import type { RenderView } from '../views.js';
import { CUSTOM } from '../launch-landing.js';
import { bodyOf, scopeOf, sessionOf, urlFor } from './route-helpers.js';
import { allow } from '../policy.js';

interface Deps {
  render: RenderView;
  programs: ProgramRepository;
  deepLinks: DeepLinkRepository;
  keys: ToolKeys;
  clock: Clock;
  publicUrl: string;
  maxAgeSeconds: number;
}

function contentItem(program: Program, activity: ActivityKind, launchUrl: string, gradeColumn: boolean): ResourceLinkItem {
  const title = activity === 'hub' ? program.title : `${program.title}: ${ACTIVITIES[activity].label}`;
  return {
    type: 'ltiResourceLink', title, text: ACTIVITIES[activity].description, url: launchUrl,
    custom: { [CUSTOM.program]: program.id, [CUSTOM.activity]: activity },
    ...(gradeColumn && { lineItem: { label: title, scoreMaximum: 100, resourceId: `${program.id}:${activity}`, tag: 'mentoring-circles' } }),
  };
}

/** The picker the LMS opens from "Select content" / assignment selection, and its signed answer. */
export function deepLinkingRoutes(deps: Deps): Router {
  const router = Router();

  async function openRequest(res: Response): Promise<StoredDeepLinkRequest> {
    const session = sessionOf(res);
    const request = session.deepLinkRequestId ? await deps.deepLinks.find(scopeOf(res), session.deepLinkRequestId) : undefined;
    if (!request) throw new AppError('DEEP_LINK_MISSING', 400, 'This page answers an "add activity" request from the LMS, and there is none in this session.', { advice: 'Start again from the LMS: add an activity or external tool and choose Mentoring Circles.' });
    if (request.usedAt) throw new AppError('DEEP_LINK_USED', 409, 'The activity for this request was already sent to the LMS.', { advice: 'To add another one, start again from the LMS.' });
    if (deps.clock.now().getTime() - request.createdAt.getTime() > deps.maxAgeSeconds * 1000) {
      throw new AppError('DEEP_LINK_EXPIRED', 410, 'This "add activity" request has expired.', { advice: 'Start again from the LMS: add an activity and choose Mentoring Circles.' });
    }
    return request;
  }

  router.get('/deep-linking', allow('place-deep-link'), async (req, res) => {
    const request = await openRequest(res);
    const programs = await deps.programs.listForCourse(scopeOf(res));
    const created = typeof req.query.created === 'string' ? req.query.created : null;
    res.type('html').send(deps.render('deep-linking/picker', {
      title: 'Add mentoring to the course', courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth,
      multiple: request.settings.acceptMultiple, autoCreate: request.settings.autoCreate, agsGranted: request.agsGranted,
      acceptsLinks: request.settings.acceptTypes.includes('ltiResourceLink'),
      programs: programs.map((p) => ({
        title: p.title,
        items: (Object.keys(ACTIVITIES) as ActivityKind[]).map((a) => ({ value: `${p.id}:${a}`, label: ACTIVITIES[a].label, description: ACTIVITIES[a].description, checked: p.id === created && a === 'hub' })),
      })),
      newProgramUrl: urlFor(res, '/staff/programs/new', { from: 'deep-linking' }),
    }));
  });

  router.post('/deep-linking', allow('place-deep-link'), async (req, res) => {
    const request = await openRequest(res);
    const body = bodyOf(req);
    const chosen = (Array.isArray(body.items) ? body.items : body.items === undefined ? [] : [body.items]).map(String);
    if (chosen.length === 0) throw new AppError('DEEP_LINK_NOTHING_CHOSEN', 400, 'Choose an activity to add to the course.', { advice: 'Go back and tick the activity you want.' });
    const launchUrl = `${deps.publicUrl}/lti/launch`;
    const items: ResourceLinkItem[] = [];
    for (const value of chosen) {
      const [programId = '', activity = ''] = value.split(':');
      const program = /^[0-9a-f-]{36}$/i.test(programId) ? await deps.programs.find(scopeOf(res), programId) : undefined;
      if (!program || !isActivity(activity)) throw new AppError('PROGRAM_NOT_FOUND', 404, 'There is no such mentoring program in this course.', { cause: { value } });
      items.push(contentItem(program, activity, launchUrl, request.agsGranted && body.gradeColumn === 'on'));
    }
    const key = await deps.keys.forRegistration(request.issuer, request.clientId);
    const jwt = await signDeepLinkingResponse({ key, issuer: request.issuer, clientId: request.clientId, deploymentId: request.deploymentId, settings: request.settings, items, clock: deps.clock });
    if (!(await deps.deepLinks.markUsed(scopeOf(res), request.id))) throw new AppError('DEEP_LINK_USED', 409, 'The activity for this request was already sent to the LMS.');
    res.type('html').send(deps.render('deep-linking/return', { title: 'Adding the activity', returnUrl: request.settings.returnUrl, jwt, count: items.length }));
  });

  return router;
}
