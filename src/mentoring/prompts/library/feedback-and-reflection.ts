import { ALL_TYPES, define, GUIDED } from './define.js';

const feedback = define('feedback');
const reflect = define('reflection');

export const FEEDBACK = [
  feedback('fb-ask-specifically', 'mentee', 4, ALL_TYPES, 'Asking for specific feedback',
    'Instead of "Any feedback?", pick one recent piece of work and one question about it, such as "What would have made my update clearer?". Ask someone this week and note what you hear.',
    'What surprised you in the answer?'),
  feedback('fb-situation-behaviour-impact', 'circle', 6, ALL_TYPES, 'Situation, behaviour, impact',
    'Practise feedback in three parts: the situation (when and where), the behaviour you saw, and its impact on you or the work. Prepare one piece of appreciative feedback in this form for someone outside the circle.'),
  feedback('fb-for-your-mentee', 'mentor', 5, GUIDED, 'Feedback for your mentee',
    'Think of one strength your mentee may underrate and one habit that holds them back. Prepare how you will say both, with a concrete example for each.',
    'How will you check that it landed as you meant it?'),
  feedback('fb-for-your-mentor', 'mentee', 4, GUIDED, 'Feedback for your mentor',
    'Tell your mentor one thing in your meetings that helps you and one thing you would like more or less of. Mentors rarely get honest feedback; yours is useful.'),
  feedback('fb-receiving', 'circle', 5, ALL_TYPES, 'Hearing feedback without defending',
    'Recall feedback that stung. What did you do in the first minute? Choose a phrase you can use next time to gain thinking time, such as "Tell me more about that".'),
  feedback('fb-feedforward', 'circle', 5, ALL_TYPES, 'Feedforward round',
    'Each person names one thing they want to get better at. The others each offer one suggestion for the future: no comments on the past, no debate, and the answer is simply "thank you".',
    'Which suggestion will you try first?'),
  feedback('fb-circle-pulse', 'circle', 4, ALL_TYPES, 'How is this circle working?',
    'Rate from 1 to 5 how useful your meetings have been, and say why in one sentence. Agree on one change to try before you next meet.'),
  feedback('fb-saying-it-upward', 'mentor', 5, ['reverse'], 'Saying the hard thing upward',
    'As the reverse mentor, choose one observation about how your mentee, their role or their habits are seen from where you sit. Offer it as something you have noticed, not as advice.',
    'What made this easier or harder to say than you expected?'),
];

export const REFLECTION = [
  reflect('rf-three-lines', 'circle', 3, ALL_TYPES, 'Three lines on your week',
    'Write three lines: what went well, what was harder than expected, and what you noticed about yourself.'),
  reflect('rf-energy', 'mentee', 4, ALL_TYPES, 'What gave and took energy',
    'List the moments this week that gave you energy and those that drained it. Look for a pattern: certain people, kinds of work, times of day?',
    'What could you do a little more of next week?'),
  reflect('rf-quietly-proud', 'mentee', 4, ALL_TYPES, 'A moment you handled well',
    'Describe a recent moment you are quietly proud of. What did you do, and which skill or value did it show?'),
  reflect('rf-assumption', 'circle', 5, ALL_TYPES, 'An assumption to question',
    'Note one belief about your work or career you have not questioned for a while, like "I\'m not a numbers person" or "leaders always have the answer". Where did it come from, and is it still true?'),
  reflect('rf-what-mentoring-teaches', 'mentor', 4, GUIDED, 'What mentoring is teaching you',
    'What have you learned from your mentee so far, about them, about their work or about yourself? Mentors often learn as much as they pass on.'),
  reflect('rf-letter-to-self', 'mentee', 8, ALL_TYPES, 'A letter to your future self',
    'Write a short letter to read at the end of the program: what you hope you will have tried, and what you want to remind yourself of when things get busy.'),
  reflect('rf-advice-to-past-self', 'circle', 4, ALL_TYPES, 'Advice to someone a year behind you',
    'What advice would you give someone starting where you stood a year ago? Which part of it do you still need to follow yourself?'),
  reflect('rf-confidence', 'mentee', 2, ALL_TYPES, 'Confidence check',
    'On a scale of 1 to 10, how confident do you feel about your goal today? What would move it up by one point?'),
  reflect('rf-turning-point', 'mentor', 5, GUIDED, 'A turning point of your own',
    'Recall a turning point in your own career: a decision, a person, a failure. Would the story help your mentee right now? If so, what is the one lesson in it?'),
];
