import { Router, type Request, type Response } from 'express';
import { openCircleAsMember } from '../../mentoring/circle-life/circle-access.js';
import { giveFeedback } from '../../mentoring/circle-life/feedback-use-cases.js';
import { cancelMeeting, changeMeeting, getMeeting, markAttendance, scheduleMeeting } from '../../mentoring/circle-life/meeting-use-cases.js';
import { toLocal } from '../../shared/zoned-time.js';
import { meetingInvitation } from '../view-models/meeting-ics.js';
import { meetingFormModel, meetingPageModel, meetingValues } from '../view-models/meeting-page.js';
import type { CircleLifeWebDeps } from './circle-life-deps.js';
import { circlePath, circlePaths, idsOf, NOTICES, sendPage } from './circle-route-helpers.js';
import { bodyOf, redirectTo, scopeOf, noticeFrom } from './route-helpers.js';
import { inCircleZone, pickedSlot, sideOf, slotLinks, zoneChoice } from './meeting-zone.js';
import { sharedSlots } from '../../mentoring/guided/shared-slots.js';

type Form = { values: Record<string, string | string[]>; errors: Record<string, string> };
const asForm = (body: Record<string, unknown>) => body as Record<string, string | string[]>;

/** A circle's meetings: schedule or log, change (and private notes), invitation, attendance, feedback. */
export function meetingRoutes(deps: CircleLifeWebDeps): Router {
  const router = Router();
  const base = '/programs/:programId/circles/:circleId/meetings';

  async function showForm(req: Request, res: Response, meetingId: string | null, form?: Form) {
    const { programId, circleId } = idsOf(req, 'programId', 'circleId');
    const scope = scopeOf(res);
    const paths = circlePaths(res, programId, circleId);
    const now = deps.clock.now();
    const found = meetingId ? await getMeeting(deps, scope, programId, circleId, meetingId) : null;
    const view = found ?? await openCircleAsMember(deps, scope, programId, circleId);
    const { readerZone } = await deps.contacts.contacts(scope, programId, circleId, view.me.participantId);
    const picked = !form && !found ? pickedSlot(req.query) : null;
    const values = form?.values ?? (found ? meetingValues(view, found.meeting) : { date: toLocal(now, view.circle.timeZone).date, durationMinutes: '60', ...picked });
    const slots = found ? [] : sharedSlots(await deps.contacts.availability(scope, programId, circleId), now);
    sendPage(res, deps.render, 'circles/meeting-form', {
      ...meetingFormModel(view, { values, errors: form?.errors ?? {} }, now),
      zoneChoice: zoneChoice(readerZone, view.circle.timeZone, form ? sideOf(form.values) : found ? 'circle' : (picked?.zone ?? null)),
      slots: slotLinks(slots, readerZone, view.circle.timeZone, (q) => paths.link(`/meetings/new?${q}`)),
      title: meetingId ? 'Change the meeting' : 'Schedule or log a meeting', heading: meetingId ? 'Change the meeting' : 'Schedule or log a meeting',
      action: paths.action(meetingId ? `/meetings/${meetingId}` : '/meetings'),
      urls: { circle: paths.link(''), back: paths.link(meetingId ? `/meetings/${meetingId}` : '') },
    }, form ? 422 : 200);
  }

  async function showMeeting(req: Request, res: Response, forms: { attendance?: Form; feedback?: Form } = {}) {
    const { programId, circleId, meetingId } = idsOf(req, 'programId', 'circleId', 'meetingId');
    const scope = scopeOf(res);
    const { meeting, ...view } = await getMeeting(deps, scope, programId, circleId, meetingId);
    const given = await deps.feedback.givenOn(scope.tenantId, meetingId, view.me.participantId);
    sendPage(res, deps.render, 'circles/meeting', {
      ...meetingPageModel({ view, meeting, given, now: deps.clock.now(), paths: circlePaths(res, programId, circleId), forms }),
      notice: noticeFrom(req, NOTICES),
    }, forms.attendance || forms.feedback ? 422 : 200);
  }

  /** The posted form with times typed in the member's own zone turned into the circle's. */
  async function typedInCircleZone(req: Request, res: Response): Promise<Record<string, unknown>> {
    const { programId, circleId } = idsOf(req, 'programId', 'circleId');
    const view = await openCircleAsMember(deps, scopeOf(res), programId, circleId);
    const { readerZone } = await deps.contacts.contacts(scopeOf(res), programId, circleId, view.me.participantId);
    return inCircleZone(bodyOf(req), readerZone, view.circle.timeZone);
  }

  router.get(`${base}/new`, (req, res) => showForm(req, res, null));

  router.post(base, async (req, res) => {
    const { programId, circleId } = idsOf(req, 'programId', 'circleId');
    const result = await scheduleMeeting(deps, scopeOf(res), programId, circleId, await typedInCircleZone(req, res));
    if (!result.ok) return showForm(req, res, null, { values: asForm(bodyOf(req)), errors: result.errors });
    redirectTo(res, circlePath(programId, circleId, `/meetings/${result.value}`), { notice: 'meeting-saved' });
  });

  router.get(`${base}/:meetingId`, (req, res) => showMeeting(req, res));
  router.get(`${base}/:meetingId/edit`, (req, res) => showForm(req, res, idsOf(req, 'meetingId').meetingId));

  router.post(`${base}/:meetingId`, async (req, res) => {
    const { programId, circleId, meetingId } = idsOf(req, 'programId', 'circleId', 'meetingId');
    const result = await changeMeeting(deps, scopeOf(res), programId, circleId, meetingId, await typedInCircleZone(req, res));
    if (!result.ok) return showForm(req, res, meetingId, { values: asForm(bodyOf(req)), errors: result.errors });
    redirectTo(res, circlePath(programId, circleId, `/meetings/${meetingId}`), { notice: 'meeting-saved' });
  });

  router.get(`${base}/:meetingId/invite.ics`, async (req, res) => {
    const { programId, circleId, meetingId } = idsOf(req, 'programId', 'circleId', 'meetingId');
    const { meeting, circle, program } = await getMeeting(deps, scopeOf(res), programId, circleId, meetingId);
    const ics = meetingInvitation({ meeting, circleName: circle.name, programTitle: program.title, timeZone: circle.timeZone, host: new URL(deps.publicUrl).host });
    res.type('text/calendar; charset=utf-8').attachment(`mentoring-meeting-${toLocal(meeting.startsAt, circle.timeZone).date}.ics`).send(ics);
  });

  router.post(`${base}/:meetingId/cancel`, async (req, res) => {
    const { programId, circleId, meetingId } = idsOf(req, 'programId', 'circleId', 'meetingId');
    await cancelMeeting(deps, scopeOf(res), programId, circleId, meetingId);
    redirectTo(res, circlePath(programId, circleId), { notice: 'meeting-cancelled' });
  });

  router.post(`${base}/:meetingId/attendance`, async (req, res) => {
    const { programId, circleId, meetingId } = idsOf(req, 'programId', 'circleId', 'meetingId');
    const chosen = [bodyOf(req).attendees ?? []].flat().map(String);
    const result = await markAttendance(deps, scopeOf(res), programId, circleId, meetingId, chosen);
    if (!result.ok) return showMeeting(req, res, { attendance: { values: { attendees: chosen }, errors: result.errors } });
    redirectTo(res, circlePath(programId, circleId, `/meetings/${meetingId}`), { notice: 'attendance-saved' });
  });

  router.post(`${base}/:meetingId/feedback`, async (req, res) => {
    const { programId, circleId, meetingId } = idsOf(req, 'programId', 'circleId', 'meetingId');
    const result = await giveFeedback(deps, scopeOf(res), programId, circleId, meetingId, bodyOf(req));
    if (!result.ok) return showMeeting(req, res, { feedback: { values: asForm(bodyOf(req)), errors: result.errors } });
    redirectTo(res, circlePath(programId, circleId, `/meetings/${meetingId}`), { notice: 'feedback-saved' });
  });

  return router;
}
