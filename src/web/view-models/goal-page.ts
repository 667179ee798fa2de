import type { MemberView } from '../../mentoring/circle-life/circle-access.js';
import type { Goal } from '../../mentoring/circle-life/goal-ports.js';
import { goalOwners, MILESTONE_STATUSES } from '../../mentoring/circle-life/goal-use-cases.js';
import { nameOf } from './circle-page.js';
import { choices, formatDate, percent, type CirclePaths } from './circle-formats.js';

type Form = { values: Record<string, string>; errors: Record<string, string> };

const GOAL_FIELDS = [
  { key: 'title', label: 'Specific: what exactly do you want to achieve?', hint: 'One sentence, e.g. "Lead the cross-functional planning initiative this quarter".', max: 200, rows: 0, type: 'text' },
  { key: 'measure', label: 'Measurable: how will you know you got there?', hint: '', max: 1000, rows: 2, type: '' },
  { key: 'achievable', label: 'Achievable: what makes it realistic, and what support do you need?', hint: '', max: 1000, rows: 2, type: '' },
  { key: 'relevant', label: 'Relevant: why does it matter to you and your role?', hint: '', max: 1000, rows: 2, type: '' },
  { key: 'dueOn', label: 'Time-bound: by when?', hint: '', max: 10, rows: 0, type: 'date' },
];

const MILESTONE_FIELDS = [
  { key: 'title', label: 'Milestone', hint: 'A small win on the way, e.g. "Present the draft plan to my team".', max: 200, rows: 0, type: 'text' },
  { key: 'criteria', label: 'Success criteria', hint: 'What will be true when it is reached?', max: 1000, rows: 2, type: '' },
  { key: 'dueOn', label: 'Due on', hint: '', max: 10, rows: 0, type: 'date' },
];

const errorList = (errors: Record<string, string>, prefix = '') => Object.entries(errors).map(([field, message]) => ({ field: `${prefix}${field}`, message }));

/** The SMART goal form, new or revised; the goal belongs to a mentee (or peer) of the circle. */
export function goalFormModel(view: MemberView, form: Form) {
  const owners = goalOwners(view);
  const chosen = form.values.ownerParticipantId ?? (owners.some((o) => o.participantId === view.me.participantId) ? view.me.participantId : owners[0]?.participantId);
  return {
    circleName: view.circle.name,
    owners: owners.map((o) => ({ value: o.participantId, label: o.userId === view.me.userId ? `${o.name} (you)` : o.name, selected: o.participantId === chosen })),
    ownerError: form.errors.ownerParticipantId ?? null,
    fields: GOAL_FIELDS.map((f) => ({ ...f, value: form.values[f.key] ?? '', error: form.errors[f.key] ?? null })),
    errorList: errorList(form.errors),
  };
}

/** One goal with its milestones: a form per milestone to move it on, and one to add a milestone. */
export function goalPageModel(view: MemberView, goal: Goal, paths: CirclePaths, forms: { add?: Form; milestone?: { id: string } & Form } = {}) {
  const done = goal.milestones.filter((m) => m.status === 'done').length;
  const add = forms.add ?? { values: {}, errors: {} };
  return {
    title: goal.title, circleName: view.circle.name,
    goal: {
      title: goal.title, owner: nameOf(view, goal.ownerParticipantId), due: formatDate(goal.dueOn), measure: goal.measure, achievable: goal.achievable, relevant: goal.relevant,
      done, total: goal.milestones.length, percent: percent(done, goal.milestones.length),
    },
    milestones: goal.milestones.map((m) => {
      const mine = forms.milestone?.id === m.id ? forms.milestone : undefined;
      return {
        id: m.id, statusId: `status-${m.id}`, evidenceId: `evidence-${m.id}`, title: m.title, criteria: m.criteria, due: formatDate(m.dueOn), statusLabel: MILESTONE_STATUSES[m.status], done: m.status === 'done',
        statuses: choices(MILESTONE_STATUSES, mine?.values.status ?? m.status), evidence: mine?.values.evidence ?? m.evidence ?? '', evidenceText: m.evidence,
        errorList: mine ? errorList(mine.errors).map((e) => ({ ...e, field: `${e.field}-${m.id}` })) : [], evidenceError: mine?.errors.evidence ?? null, statusError: mine?.errors.status ?? null,
        action: paths.action(`/goals/${goal.id}/milestones/${m.id}`),
      };
    }),
    addFields: MILESTONE_FIELDS.map((f) => ({ ...f, id: `new-${f.key}`, name: f.key, value: add.values[f.key] ?? '', error: add.errors[f.key] ?? null })),
    addStatuses: choices(MILESTONE_STATUSES, add.values.status ?? 'not_started'),
    errorList: errorList(add.errors, 'new-'),
    urls: { circle: paths.link(''), edit: paths.link(`/goals/${goal.id}/edit`), addMilestone: paths.action(`/goals/${goal.id}/milestones`) },
  };
}
