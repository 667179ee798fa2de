import type { Request, Response } from 'express';
import type { RenderView } from '../views.js';
import type { CirclePaths } from '../view-models/circle-formats.js';
import { sessionOf, urlFor, uuidParams } from './route-helpers.js';

type IdName = 'programId' | 'circleId' | 'goalId' | 'milestoneId' | 'meetingId';

/** The ids a circle URL names; any that is not a UUID cannot name a row: 404. */
export const idsOf = <K extends IdName>(req: Request, ...names: K[]): Record<K, string> => uuidParams(req, ...names);

export const circlePath = (programId: string, circleId: string, rest = '') => `/programs/${programId}/circles/${circleId}${rest}`;

export function circlePaths(res: Response, programId: string, circleId: string): CirclePaths {
  return { link: (rest) => urlFor(res, circlePath(programId, circleId, rest)), action: (rest) => circlePath(programId, circleId, rest) };
}

/** Renders a page of this area with what every page needs (course title, the form's session and CSRF fields). */
export function sendPage(res: Response, render: RenderView, view: string, model: Record<string, unknown>, status = 200): void {
  res.status(status).type('html').send(render(view, { courseTitle: sessionOf(res).courseTitle, formAuth: res.locals.formAuth, ...model }));
}

/** A form's fields as typed, for showing them again next to their errors. */
export function typed(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.map(String).join(', ') : String(v ?? '')]));
}

export const NOTICES: Record<string, string> = {
  'contract-proposed': 'Your version of the contract is saved and acknowledged by you. The others are asked to acknowledge it.',
  'contract-acknowledged': 'You acknowledged the contract.',
  'contract-agreed': 'Everyone has acknowledged the contract: it is agreed.',
  'goal-saved': 'The goal is saved.',
  'milestone-saved': 'The milestone is saved.',
  'meeting-saved': 'The meeting is saved. Download the invitation to add it to your calendar.',
  'attendance-saved': 'Attendance is saved.',
  'meeting-cancelled': 'The meeting is cancelled. The others are told (with a calendar cancellation).',
  'feedback-saved': 'Thank you: your feedback is sent.',
};
