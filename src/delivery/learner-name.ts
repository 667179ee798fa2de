import { cleanText, truncateText } from '../shared/clean-text.js';

export interface LearnerName {
  name: string;
  givenName: string | null;
  familyName: string | null;
}

/**
 * SCORM gives names as "Last, First" (cmi.core.student_name, cmi.learner_name); people read
 * "First Last". A name without a comma is taken as it is.
 * @see SCORM 2004 4th ed. RTE 4.2.13 cmi.learner_name
 */
export function parseLmsName(raw: string, fallback: string): LearnerName {
  const clean = truncateText(cleanText(raw).replace(/\s+/g, ' ').trim(), 200);
  if (!clean) return { name: fallback, givenName: null, familyName: null };
  const comma = clean.indexOf(',');
  if (comma < 0) return { name: clean, givenName: null, familyName: null };
  const family = clean.slice(0, comma).trim();
  const given = clean.slice(comma + 1).trim();
  if (!family || !given)
    return { name: family || given || fallback, givenName: null, familyName: null };
  return { name: `${given} ${family}`, givenName: given, familyName: family };
}
