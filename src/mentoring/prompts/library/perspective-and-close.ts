import { ALL_TYPES, define, GUIDED } from './define.js';

const perspective = define('perspective');
const close = define('close_out');

export const PERSPECTIVE = [
  perspective('pp-day-in-my-work', 'circle', 6, ['reverse', 'peer', 'group'], 'A day in my working life',
    'Walk the others through a typical working day: the tools you use, the pressures you feel, the people you depend on. Listeners, note one thing that is done very differently where you sit.'),
  perspective('pp-digital-habit', 'mentor', 5, ['reverse'], 'A way of working worth showing',
    'As the reverse mentor, pick one tool, channel or habit your mentee does not use and show it to them at your next meeting. Explain why it matters to you, not just how it works.',
    'What would it take for them to try it for a week?'),
  perspective('pp-what-surprised-me', 'circle', 4, ['reverse', 'peer', 'group'], 'What surprised me about your world',
    'Name one thing that surprised you about how the others in your circle work or think. Say what you had assumed before.'),
  perspective('pp-generations', 'circle', 6, ['reverse', 'group'], 'Assumptions across generations',
    'Each person names one assumption they have heard about their own generation at work, and one they catch themselves making about another. Discuss which hold up and which do not.'),
  perspective('pp-customer-lens', 'circle', 5, ALL_TYPES, 'Through the customer\'s eyes',
    'Pick one decision your team made recently and look at it from the point of view of a customer or the people who use your work. What would they have wanted you to know or ask?'),
  perspective('pp-swap-a-problem', 'circle', 8, ['peer', 'group'], 'Swap a problem',
    'Each person brings one real problem. In pairs, explain the other person\'s problem back in your own words until they agree you have it right, and only then offer ideas.',
    'What did hearing your problem retold change for you?'),
  perspective('pp-unwritten-rules', 'circle', 5, ['reverse', 'peer', 'group'], 'Unwritten rules',
    'List three unwritten rules of your part of the organisation: how decisions really get made, who to ask first, what is never said in meetings. Compare lists.'),
  perspective('pp-missing-voice', 'circle', 4, ALL_TYPES, 'Whose voice is missing?',
    'Think about a discussion you took part in recently. Whose point of view was missing, and how could it have been brought in?'),
];

export const CLOSE_OUT = [
  close('co-look-back', 'mentee', 6, ALL_TYPES, 'Looking back to the start',
    'Reread the goal you set at the beginning and any early notes. What did you achieve, what changed along the way, and what are you still working on?'),
  close('co-what-changed', 'circle', 5, ALL_TYPES, 'What changed for each of us',
    'Each person says one thing they now do differently because of this circle, and one thing they expected to change that did not.'),
  close('co-specific-thanks', 'circle', 4, ALL_TYPES, 'A specific thank you',
    'Thank each person in your circle for one specific thing: a question that stuck, a piece of advice, a moment of support. The more specific, the better.'),
  close('co-next-goal', 'mentee', 6, ALL_TYPES, 'Your next goal, on your own',
    'Set the goal you will work on after the program, without a mentor. Who else could support you, and how will you check your progress?'),
  close('co-mentor-takeaways', 'mentor', 5, GUIDED, 'What you take from mentoring',
    'What did mentoring give you? Note one way it changed how you lead or work, and whether you would mentor again.'),
  close('co-stay-in-touch', 'circle', 4, ALL_TYPES, 'Staying in touch, or not',
    'Decide together whether and how you will stay in touch after the program. A clear, friendly ending is as good an outcome as an ongoing connection.'),
  close('co-advice-next-circle', 'circle', 4, ALL_TYPES, 'Advice for the next circle',
    'Write two or three pieces of advice for people about to start a circle like yours. What do you wish you had known at the first meeting?'),
  close('co-program-feedback', 'circle', 4, ALL_TYPES, 'Feedback on the program',
    'What should the program staff keep, change or drop next time? Think about matching, prompts, meetings and support.'),
];
