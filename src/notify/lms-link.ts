/**
 * Where a mail's link should lead: back into the LMS course page, where the
 * person is signed in and a new launch gives them a session. Derived from the launch's
 * `launch_presentation.return_url`, which Moodle and Canvas point at the course; it is never
 * used as it is (Moodle's carries the launch's sesskey). Unknown LMSs: null (the mail names the
 * course instead). @see https://www.imsglobal.org/spec/lti/v1p3#launch-presentation-claim
 */
export function lmsLinkFrom(returnUrl: string | null, productFamily: string | null): string | null {
  if (!returnUrl) return null;
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const moodle = productFamily === 'moodle' || url.pathname.endsWith('/mod/lti/return.php');
  if (moodle) {
    const root = url.pathname.replace(/\/mod\/lti\/return\.php$/, '');
    const course = url.searchParams.get('course');
    if (course && /^\d+$/.test(course)) return `${url.origin}${root}/course/view.php?id=${course}`;
    return null;
  }
  // Canvas: …/courses/:id/external_content/success/external_tool_redirect → the course.
  const canvas = /^(.*\/courses\/[^/]+)(\/|$)/.exec(url.pathname);
  return canvas ? `${url.origin}${canvas[1]}` : null;
}
