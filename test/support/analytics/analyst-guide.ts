import { readFileSync } from 'node:fs';

/** The analyst guide, read as the analyst reads it: its example requests, shell and SQL. */
export const GUIDE = readFileSync(new URL('../../../docs/xapi-analyst-guide.md', import.meta.url), 'utf8');

export interface GuideRequest {
  question: string;
  params: Array<[string, string]>;
}

const paramsIn = (text: string): Array<[string, string]> =>
  [...text.matchAll(/--data-urlencode '?([a-z_]+)=([^' `]+)'?/g)].map((m) => [m[1]!, m[2]!]);

/**
 * The rows of the "Question | Request" table: each request's query parameters, with "the
 * previous request plus …" and "add …" rows built on the row they extend, as the guide says.
 */
export function guideRequests(): GuideRequest[] {
  const table = GUIDE.slice(GUIDE.indexOf('| Question | Request |'));
  const rows = table.split('\n').slice(2).filter((l) => l.startsWith('| '));
  const requests: GuideRequest[] = [];
  for (const row of rows) {
    const [question, request] = row.slice(2, -2).split(' | ') as [string, string];
    let params = paramsIn(request);
    const bare = /^`([a-z_]+)=(\S+)`/.exec(request);
    if (bare) params = [[bare[1]!, bare[2]!]];
    if (request.startsWith('the previous request plus')) params = [...requests.at(-1)!.params, ...params];
    if (request.startsWith('add ')) params = [...requests.find((r) => r.question.startsWith('Everything in one program'))!.params, ...params];
    requests.push({ question, params });
  }
  return requests;
}

/** The body of the first fenced block of `lang` after `heading`. */
export function fencedAfter(heading: string, lang: string): string {
  const from = GUIDE.indexOf(heading);
  const start = GUIDE.indexOf(`\`\`\`${lang}\n`, from) + lang.length + 4;
  return GUIDE.slice(start, GUIDE.indexOf('```', start));
}
