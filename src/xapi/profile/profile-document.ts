import { ACTIVITY_TYPE, EXTENSION, PROFILE_ACTIVITY_TYPE, PROFILE_ID, PROFILE_VERSION, VERB, type ExtensionTerm, type Term } from '../vocabulary.js';
import { COMMON_RULES, PLATFORM_RULE, TEMPLATES, type TemplateRule, type TemplateSpec } from './templates.js';

/** When this version of the profile was published; bump PROFILE_VERSION with it. */
const VERSION_DATE = '2026-11-21T00:00:00Z';
const en = (text: string) => ({ en: text });
export const templateIri = (key: string) => `${PROFILE_ID}/templates/${key}`;
const patternIri = (key: string) => `${PROFILE_ID}/patterns/${key}`;

export interface ProfileTemplate {
  id: string;
  type: 'StatementTemplate';
  inScheme: string;
  prefLabel: Record<string, string>;
  definition: Record<string, string>;
  verb: string;
  objectActivityType?: string;
  contextGroupingActivityType: string[];
  contextParentActivityType?: string[];
  contextCategoryActivityType: string[];
  rules: TemplateRule[];
}

function concept(term: Term, type: string): Record<string, unknown> {
  return { id: term.id, type, inScheme: PROFILE_VERSION, prefLabel: en(term.label), definition: en(term.definition) };
}

function extensionConcept(term: ExtensionTerm): Record<string, unknown> {
  return { ...concept(term, term.kind), inlineSchema: JSON.stringify(term.schema) };
}

export function toProfileTemplate(spec: TemplateSpec): ProfileTemplate {
  const parents = spec.contextParentActivityType ?? [];
  const parentRule: TemplateRule[] = parents.length > 1
    ? [{ location: '$.context.contextActivities.parent[*].definition.type', presence: 'included', any: parents.map((t) => t.id) }]
    : [];
  return {
    id: templateIri(spec.key),
    type: 'StatementTemplate',
    inScheme: PROFILE_VERSION,
    prefLabel: en(spec.label),
    definition: en(spec.definition),
    verb: spec.verb.id,
    ...(spec.objectActivityType ? { objectActivityType: spec.objectActivityType.id } : {}),
    contextGroupingActivityType: spec.program ? [ACTIVITY_TYPE.course.id, ACTIVITY_TYPE.program.id] : [ACTIVITY_TYPE.course.id],
    ...(parents.length === 1 ? { contextParentActivityType: [parents[0]!.id] } : {}),
    contextCategoryActivityType: [PROFILE_ACTIVITY_TYPE],
    rules: [...COMMON_RULES, ...(spec.objectActivityType ? [PLATFORM_RULE] : []), ...parentRule, ...(spec.rules ?? [])],
  };
}

const pattern = (key: string, label: string, body: Record<string, unknown>, primary = false) =>
  ({ id: patternIri(key), type: 'Pattern', inScheme: PROFILE_VERSION, primary, prefLabel: en(label), definition: en(label), ...body });

function patterns(): Array<Record<string, unknown>> {
  const t = templateIri;
  const engagement = TEMPLATES.map((s) => s.key).filter((k) => !['launched', 'program-created', 'program-configured', 'participant-registered', 'participant-left-program', 'profile-completed', 'program-completed'].includes(k));
  return [
    pattern('program-setup', 'A program is created, then configured any number of times.', { sequence: [t('program-created'), patternIri('reconfigurations')] }, true),
    pattern('reconfigurations', 'Any number of configuration changes.', { zeroOrMore: t('program-configured') }),
    pattern('participation', 'One participant\'s journey through a program, under one registration.', { sequence: [t('participant-registered'), patternIri('profile'), patternIri('engagements'), patternIri('ending')] }, true),
    pattern('profile', 'The profile may be completed.', { optional: t('profile-completed') }),
    pattern('engagements', 'Any number of matching, circle, goal, meeting, feedback and prompt statements.', { zeroOrMore: patternIri('engagement') }),
    pattern('engagement', 'One engagement statement.', { alternates: engagement.map(t) }),
    pattern('ending', 'The participation may end by completing or leaving the program.', { optional: patternIri('completion-or-leave') }),
    pattern('completion-or-leave', 'Completing or leaving the program.', { alternates: [t('program-completed'), t('participant-left-program')] }),
  ];
}

/** The published xAPI Profile (JSON-LD), generated from the vocabulary the builders use. */
export function profileDocument(): Record<string, unknown> {
  const own = (terms: Record<string, Term>) => Object.values(terms).filter((term) => !term.external);
  return {
    '@context': 'https://w3id.org/xapi/profiles/context',
    id: PROFILE_ID,
    type: 'Profile',
    conformsTo: 'https://w3id.org/xapi/profiles#1.0',
    prefLabel: en('Mentoring Circles'),
    definition: en('Statements of the Mentoring Circles LTI tool: mentoring programs, matches, circles, learning contracts, goals, meetings, feedback and microlearning prompts, each in the context of an LMS course.'),
    seeAlso: 'https://mentoring-circles.example/docs/xapi-analyst-guide',
    author: { type: 'Organization', name: 'Mentoring Circles' },
    versions: [{ id: PROFILE_VERSION, generatedAtTime: VERSION_DATE }],
    concepts: [
      ...own(VERB).map((v) => concept(v, 'Verb')),
      ...own(ACTIVITY_TYPE).map((a) => concept(a, 'ActivityType')),
      ...Object.values(EXTENSION).map((x) => extensionConcept(x)),
    ],
    templates: TEMPLATES.map(toProfileTemplate),
    patterns: patterns(),
  };
}
