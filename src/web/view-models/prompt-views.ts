import type { CircleRole } from '../../mentoring/circles/ports.js';
import type { AnswerView, DeliveredPrompt, PromptContent, ReviewAnswer } from '../../mentoring/prompts/ports.js';
import { isReview, PROMPT_AUDIENCES, PROMPT_CATEGORIES, REVIEW_PARTS, type PromptAudience, type ReviewPart } from '../../mentoring/prompts/prompt-options.js';
import { formatInZone } from '../../mentoring/prompts/zoned-time.js';
import { PROGRAM_TYPES } from '../../mentoring/programs/program-options.js';

export const VISIBILITY_LABELS = { private: 'Private journal entry', circle: 'Shared with the circle' } as const;
const AUDIENCE_PHRASES: Record<PromptAudience, string> = { mentor: 'mentors', mentee: 'mentees', circle: 'the whole circle' };
export const ROLE_NAMES: Record<CircleRole, string> = { mentor: 'mentor', mentee: 'mentee', peer: 'peer' };

/** The words of a prompt as any page shows them. */
export function promptContentView(p: PromptContent) {
  return {
    title: p.title, body: p.body, followUp: p.followUp, minutes: p.minutes, isReview: isReview(p.category),
    categoryLabel: PROMPT_CATEGORIES[p.category] ?? p.category, audienceLabel: PROMPT_AUDIENCES[p.audience], audiencePhrase: AUDIENCE_PHRASES[p.audience],
    typeLabels: p.programTypes.map((t) => PROGRAM_TYPES[t] ?? t).join('; '),
  };
}

export function deliveredView(p: DeliveredPrompt, timeZone: string, url: string, answered: 'private' | 'circle' | null) {
  return { ...promptContentView(p), id: p.id, circleName: p.circleName, when: formatInZone(p.deliveredAt, timeZone), url, answered: answered ? VISIBILITY_LABELS[answered] : null };
}

export function reviewView(review: ReviewAnswer | null) {
  return review ? (Object.keys(REVIEW_PARTS) as ReviewPart[]).map((part) => ({ label: REVIEW_PARTS[part], text: review[part] })) : null;
}

/** The review form's four parts, with what was typed and any message. */
export function reviewFields(values: Record<string, unknown>, errors: Record<string, string>) {
  return (Object.keys(REVIEW_PARTS) as ReviewPart[]).map((part) => ({
    name: part, label: REVIEW_PARTS[part], value: typeof values[part] === 'string' ? values[part] : '', error: errors[part] ?? null,
  }));
}

export function answerView(a: AnswerView, viewerUserId: string, timeZone: string, replyAction: string, replyDraft?: { value: string; error: string }) {
  return {
    id: a.id, author: a.authorName, mine: a.authorUserId === viewerUserId, shared: a.visibility === 'circle', visibilityLabel: VISIBILITY_LABELS[a.visibility],
    body: a.body, review: reviewView(a.review), when: formatInZone(a.createdAt, timeZone), replyAction,
    replies: a.replies.map((r) => ({ author: r.authorName, body: r.body, when: formatInZone(r.createdAt, timeZone) })),
    replyValue: replyDraft?.value ?? '', replyError: replyDraft?.error ?? null,
  };
}

/** A form's fields as typed (strings only), to put back into the form after an error. */
export function typedValues(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
