import { uuidV5 } from '../../xapi/ids.js';

/** The actor of a notice nobody caused (a date came, a program ended): matches no user. */
export const NO_ACTOR = '00000000-0000-0000-0000-000000000000';

/** Namespace of notification event ids that follow from what they are about, not from an event. */
const NOTIFY_NAMESPACE = '3b0d7a52-9c1e-5f4a-8e26-71c4d0a9b5e3';

/**
 * A program's survey opens once (staff early, or at its end): one id, so the unique key of
 * notifications lets nobody hear of it twice.
 */
export const surveyOpenEventId = (programId: string) =>
  uuidV5(`survey-open/${programId}`, NOTIFY_NAMESPACE);

/** One reminder per person and due date: a new date reminds again, the same date never. */
export const profilesDueEventId = (programId: string, dueOn: string) =>
  uuidV5(`profiles-due/${programId}/${dueOn}`, NOTIFY_NAMESPACE);
