import { JSONPath } from 'jsonpath-plus';
import { isDeepStrictEqual } from 'node:util';
import type { ProfileTemplate } from './profile-document.js';
import type { TemplateRule } from './templates.js';

/**
 * Checks a statement against a statement template: the determining properties and the rules.
 * Returns the problems found (none: the statement matches).
 * @see https://github.com/adlnet/xapi-profiles/blob/master/xapi-profiles-structure.md#statement-template-validation
 */
export function checkTemplate(statement: unknown, template: ProfileTemplate): string[] {
  const s = statement as Record<string, any>;
  const problems: string[] = [];
  const typesAt = (list: unknown) => (Array.isArray(list) ? list : []).map((a) => a?.definition?.type);
  if (s.verb?.id !== template.verb) problems.push(`verb is ${s.verb?.id}, not ${template.verb}`);
  if (template.objectActivityType && s.object?.definition?.type !== template.objectActivityType) problems.push(`object type is ${s.object?.definition?.type}`);
  const ctx = s.context?.contextActivities ?? {};
  const need = (label: string, required: string[] | undefined, present: unknown[]) => {
    for (const type of required ?? []) if (!present.includes(type)) problems.push(`no ${label} activity of type ${type}`);
  };
  need('grouping', template.contextGroupingActivityType, typesAt(ctx.grouping));
  need('parent', template.contextParentActivityType, typesAt(ctx.parent));
  need('category', template.contextCategoryActivityType, typesAt(ctx.category));
  for (const rule of template.rules) problems.push(...checkRule(s, rule));
  return problems;
}

function valuesAt(statement: unknown, rule: TemplateRule): unknown[] {
  const located = JSONPath({ path: rule.location, json: statement as object, wrap: true }) as unknown[];
  if (!rule.selector) return located;
  return located.flatMap((v) => JSONPath({ path: rule.selector!, json: v as object, wrap: true }) as unknown[]);
}

export function checkRule(statement: unknown, rule: TemplateRule): string[] {
  const values = valuesAt(statement, rule).filter((v) => v !== undefined);
  const at = rule.location;
  const inList = (list: unknown[], v: unknown) => list.some((x) => isDeepStrictEqual(x, v));
  const problems: string[] = [];
  if (rule.presence === 'included' && values.length === 0) problems.push(`${at} is missing`);
  if (rule.presence === 'excluded' && values.length > 0) problems.push(`${at} must be absent`);
  if (rule.presence === 'excluded' || values.length === 0) return problems;
  if (rule.any && !values.some((v) => inList(rule.any!, v))) problems.push(`${at} has none of ${JSON.stringify(rule.any)}`);
  if (rule.all && !values.every((v) => inList(rule.all!, v))) problems.push(`${at} has values outside ${JSON.stringify(rule.all)}`);
  if (rule.none && values.some((v) => inList(rule.none!, v))) problems.push(`${at} has a forbidden value`);
  return problems;
}

/** The templates a statement matches (an emitted statement must match at least one). */
export function matchingTemplates(statement: unknown, templates: ProfileTemplate[]): ProfileTemplate[] {
  return templates.filter((t) => checkTemplate(statement, t).length === 0);
}
