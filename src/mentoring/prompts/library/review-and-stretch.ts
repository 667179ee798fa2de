import { ALL_TYPES, define, GUIDED } from './define.js';

const review = define('after_action');
const stretch = define('stretch');

/** After-action reviews are answered in four parts: planned, happened, why, next. */
export const AFTER_ACTION = [
  review('aar-meeting-you-led', 'mentee', 8, ALL_TYPES, 'A meeting you led',
    'Pick a meeting you led or spoke up in recently and review it: what you planned, what actually happened, why the two differed, and what you will do next time.'),
  review('aar-difficult-conversation', 'mentee', 8, ALL_TYPES, 'After a difficult conversation',
    'Think of a recent conversation that was hard: a disagreement, bad news, a request. Review it calmly, step by step, without judging yourself.',
    'What would you want the other person to say about how it went?'),
  review('aar-stretch-experiment', 'mentee', 8, ALL_TYPES, 'After your stretch experiment',
    'Review the experiment you tried since your last prompt. Results count, but so does what you learned about trying new things.'),
  review('aar-last-session', 'circle', 6, ALL_TYPES, 'Our last session',
    'Look back at your last circle meeting: what you meant to cover, what you actually talked about, why, and what you will change for the next one.'),
  review('aar-decision', 'mentee', 8, ALL_TYPES, 'A decision, looked back on',
    'Choose a decision you made a few weeks ago whose effects you can now see. Review it as you would a project, focusing on how you decided rather than only on the outcome.'),
  review('aar-presenting', 'mentee', 7, ALL_TYPES, 'After presenting your work',
    'Review a recent time you presented a plan, a proposal or results to others: the preparation, the delivery and the reactions.',
    'What question from the audience would you like a better answer to?'),
  review('aar-project-milestone', 'mentee', 8, ALL_TYPES, 'After a project milestone',
    'Review a milestone you recently reached or missed, for instance in a cross-functional initiative you are part of or leading.'),
  review('aar-advice-or-question', 'mentor', 6, GUIDED, 'Advice or question?',
    'Review a moment in a recent session when you chose between giving advice and asking a question: what you intended, what you did, why, and what you would do next time.'),
];

export const STRETCH = [
  stretch('st-design', 'mentee', 6, ALL_TYPES, 'Design a small experiment',
    'Choose one behaviour to try for two weeks, small enough to start tomorrow, like speaking first in one meeting a week. Write down what you will do, when, and how you will tell whether it worked.',
    'What is the smallest version of this you could try this week?'),
  stretch('st-unfamiliar-task', 'mentee', 4, ALL_TYPES, 'Volunteer for something unfamiliar',
    'Find one task this month that sits just outside your comfort zone, such as writing a summary for leadership or running a retrospective, and offer to take it on.'),
  stretch('st-shadow', 'mentee', 4, ALL_TYPES, 'Shadow someone for an hour',
    'Ask someone in a role you are curious about whether you can sit in on an hour of their work. Prepare three questions beforehand and note what surprised you.'),
  stretch('st-delegate', 'mentee', 5, ALL_TYPES, 'Hand over something you would rather keep',
    'Pick one task you usually keep because it is quicker to do yourself, and hand it to someone else with clear expectations. Notice what you feel while it is out of your hands.',
    'What did the other person do differently, and was it worse or just different?'),
  stretch('st-chair', 'mentee', 4, ALL_TYPES, 'Chair a meeting',
    'Offer to chair a meeting you normally attend. Prepare the purpose in one sentence, keep to time and close with clear next steps.'),
  stretch('st-other-team', 'mentee', 5, ALL_TYPES, 'Borrow a view from another team',
    'Have coffee, in person or online, with someone from a team whose work touches yours but whom you rarely talk to. Ask what makes their job harder that you might not see.'),
  stretch('st-challenge-not-task', 'mentor', 5, GUIDED, 'Set a challenge, not a task',
    'Think of a stretch your mentee could try next. Frame it as an outcome and leave the method to them: "Get the two teams to agree on a date", not "Send this email".'),
  stretch('st-saying-no', 'mentee', 4, ALL_TYPES, 'Practise a clear no',
    'This week, turn down one request that does not fit your priorities. Say no kindly, give a short reason, and offer an alternative if there is a sensible one.'),
];
