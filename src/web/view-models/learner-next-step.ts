import { learnerProgress, type LearnerFacts } from '../../mentoring/guided/learner-stage.js';
import type { Program } from '../../mentoring/programs/ports.js';
import type { ProgramRole } from '../../mentoring/roster/program-role.js';
import { formatDate } from './circle-formats.js';
import { inViewerZone } from './viewer-time.js';

type Link = (rest: string) => string;

function waitingText(program: Program, today: string): string {
  if (program.matchingMode === 'mentee_choice')
    return 'Your profile is complete: choose the mentors you would like, in order.';
  const before =
    program.startsOn > today
      ? `, before the program starts on ${formatDate(program.startsOn)}`
      : '';
  return `Your profile is complete. The program staff form the circles once most profiles are ready${before}; your circle then appears here.`;
}

/** The participant's program page, top first: the one thing to do now, and what comes next. */
export function learnerNextStep(
  program: Program,
  role: ProgramRole,
  facts: LearnerFacts,
  now: Date,
  link: Link,
) {
  const progress = learnerProgress(program, role, facts, now);
  const today = now.toISOString().slice(0, 10);
  const meeting =
    facts.nextMeeting &&
    inViewerZone(facts.nextMeeting.startsAt, facts.answers?.timeZone, facts.nextMeeting.timeZone);
  const stages = {
    profile: () => ({
      heading: facts.answers ? 'Finish your profile' : 'Start with your profile',
      text: facts.answers
        ? `Matching waits for: ${progress.missing.join(', ')}.`
        : 'It takes a few minutes: what you want to grow or can offer, and when you are free.',
      primary: {
        label: facts.answers ? 'Complete your profile' : 'Fill in your profile',
        href: link('/profile'),
      },
    }),
    waiting: () => ({
      heading:
        program.matchingMode === 'mentee_choice' ? 'Choose your mentor' : 'Waiting for your match',
      text: waitingText(program, today),
      primary:
        program.matchingMode === 'mentee_choice'
          ? { label: 'Choose your mentor', href: link('/match') }
          : null,
    }),
    circle: () => ({
      heading:
        facts.circles.length === 1 ? `Your circle: ${facts.circles[0]!.name}` : 'Your circles',
      text: meeting
        ? "Your circle page has your contract, goals and meetings; this week's prompt is below."
        : 'No meeting is scheduled yet: agree one with your circle on its page.',
      primary: { label: 'Open your circle', href: link('/circles') },
    }),
  } as const;
  return {
    stage: progress.stage,
    ...stages[progress.stage](),
    inCircle: progress.stage === 'circle',
    meeting: meeting && { ...meeting, url: link(`/circles/${facts.nextMeeting!.circleId}`) },
    survey: {
      open: progress.surveyOpen,
      submitted: facts.surveySubmitted,
      url: link('/survey'),
      opensOn: formatDate(program.endsOn),
    },
    profileUrl: link('/profile'),
    matchUrl: link('/match'),
  };
}
