import type { ReviewAnswer } from './ports.js';
import type { Checked } from './prompt-input.js';
import { REVIEW_PARTS, type ReviewPart } from './prompt-options.js';

export const ANSWER_MAX = 4000;
export const REVIEW_PART_MAX = 2000;
export const REPLY_MAX = 2000;

const text = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');
const count = (n: number) => n.toLocaleString('en-GB');

function checkText(value: string, max: number, empty: string, what: string): string | null {
  if (!value) return empty;
  if (value.length > max) return `Keep ${what} under ${count(max)} characters (it has ${count(value.length)}).`;
  return null;
}

export interface AnswerInput {
  visibility: 'private' | 'circle';
  body: string | null;
  review: ReviewAnswer | null;
}

/** Checks an answer: free text, or the four parts of an after-action review; and who may read it. */
export function validateAnswer(input: Record<string, unknown>, isReview: boolean): Checked<AnswerInput> {
  const errors: Record<string, string> = {};
  const visibility = input.visibility;
  if (visibility !== 'private' && visibility !== 'circle') errors.visibility = 'Choose whether this is a private journal entry or shared with your circle.';
  let body: string | null = null;
  let review: ReviewAnswer | null = null;
  if (isReview) {
    review = Object.fromEntries((Object.keys(REVIEW_PARTS) as ReviewPart[]).map((part) => [part, text(input[part])])) as ReviewAnswer;
    for (const [part, value] of Object.entries(review)) {
      const problem = checkText(value, REVIEW_PART_MAX, 'Fill in this part of the review.', 'this part');
      if (problem) errors[part] = problem;
    }
  } else {
    body = text(input.body);
    const problem = checkText(body, ANSWER_MAX, 'Write your answer before sending it.', 'your answer');
    if (problem) errors.body = problem;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { visibility: visibility as AnswerInput['visibility'], body, review } };
}

export function validateReply(input: Record<string, unknown>): Checked<string> {
  const body = text(input.reply);
  const problem = checkText(body, REPLY_MAX, 'Write your reply before sending it.', 'your reply');
  return problem ? { ok: false, errors: { reply: problem } } : { ok: true, value: body };
}
