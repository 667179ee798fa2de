import type { SetupCounts, SetupStep, StepState } from '../../mentoring/guided/setup-checklist.js';
import { setupChecklist } from '../../mentoring/guided/setup-checklist.js';
import { remindOnFor } from '../../mentoring/notifications/profile-deadline.js';

interface Links {
  /** Paths (forms post to them with form-auth) and session links of the program's pages. */
  sync: string;
  propose: string;
  matching: string;
  progress: string;
  participants: string;
  /** The notifications feature's "remind those with an incomplete profile" (a form path). */
  remind: string;
}

type Action = { label: string; href?: string; post?: string };

/** The automatic reminder before the "profiles due by" date (notifications), when one is set. */
const dueText = ({ profilesDueOn: due }: SetupCounts) => (due
  ? ` Due by ${due}: those not finished are reminded automatically on ${remindOnFor(due)}.`
  : '');

const MARKS: Record<StepState, string> = { done: '✓', current: '→', later: '·' };
const STATE_WORDS: Record<StepState, string> = {
  done: 'done',
  current: 'next step',
  later: 'later',
};

function stepText(
  step: SetupStep,
  c: SetupCounts,
  rosterAvailable: boolean,
  links: Links,
): { title: string; detail: string; action: Action | null } {
  const texts: Record<SetupStep, () => { title: string; detail: string; action: Action | null }> = {
    roster: () => ({
      title: 'Bring in the people',
      detail:
        c.participants > 0
          ? `${c.participants} participant(s) in the program.`
          : rosterAvailable
            ? 'Read the course roster from the LMS.'
            : 'This LMS does not share its roster: participants join as they open the activity.',
      action: rosterAvailable ? { label: 'Sync the roster from the LMS', post: links.sync } : null,
    }),
    profiles: () => ({
      title: 'Profiles',
      detail: `${c.completeProfiles} of ${c.participants} complete. Participants fill them in from the activity; matching can start when most are done.${dueText(c)}`,
      action: { label: 'See who is missing', href: links.participants },
      ...(c.completeProfiles < c.participants && {
        secondary: { label: 'Remind those who have not finished', post: links.remind },
      }),
    }),
    matching: () => ({
      title: 'Matching',
      detail:
        c.proposal === 'none'
          ? `Propose circles for the ${c.completeProfiles} people with a complete profile.`
          : 'A proposal is ready.',
      action: { label: 'Propose matches', post: links.propose },
    }),
    approval: () => ({
      title: 'Review and approve',
      detail:
        c.circles > 0
          ? `${c.circles} circle(s) formed.`
          : 'Check the weakest circles first, then approve.',
      action: { label: 'Review the proposed circles', href: links.matching },
    }),
    meetings: () => ({
      title: 'First meetings',
      detail: `${c.circlesWithMeeting} of ${c.circles} circle(s) have a meeting scheduled or held.`,
      action: { label: 'See circle progress', href: links.progress },
    }),
  };
  return texts[step]();
}

/** The setup checklist: every step with its state, and the one primary action (the current step's). */
export function setupStepsModel(counts: SetupCounts, rosterAvailable: boolean, links: Links) {
  const steps = setupChecklist(counts).map(({ step, state }, i) => {
    const text = stepText(step, counts, rosterAvailable, links);
    return {
      ...text,
      n: i + 1,
      state,
      mark: MARKS[state],
      stateWord: STATE_WORDS[state],
      current: state === 'current',
      done: state === 'done',
    };
  });
  const current = steps.find((s) => s.current) ?? null;
  return { steps, primary: current?.action ?? null, allDone: current === null };
}
