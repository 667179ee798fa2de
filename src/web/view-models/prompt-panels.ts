import type { Response } from 'express';
import { learnerPromptsByProgram } from '../../mentoring/prompts/learner-prompts.js';
import { formatInZone } from '../../mentoring/prompts/zoned-time.js';
import { scopeOf, urlFor } from '../routes/route-helpers.js';
import type { PromptWebDeps } from '../prompt-web-deps.js';
import { VISIBILITY_LABELS } from './prompt-views.js';

export interface LearnerPromptPanel {
  url: string;
  inCircle: boolean;
  current: { title: string; body: string; when: string; url: string; answered: string | null } | null;
  earlier: number;
  nudge: { circleName: string; starter: string } | null;
}

/** The prompt card other pages (a learner's home and program page) show: this week's prompt and any nudge. */
export interface PromptPanels {
  forLearner(res: Response, programIds: string[]): Promise<Record<string, LearnerPromptPanel>>;
}

export function createPromptPanels(deps: PromptWebDeps): PromptPanels {
  return {
    async forLearner(res, programIds) {
      const scope = scopeOf(res);
      const panels: Record<string, LearnerPromptPanel> = {};
      const found = await learnerPromptsByProgram(deps, scope, programIds);
      for (const programId of programIds) {
        const { circles, prompts, nudge } = found.get(programId)!;
        const [latest] = prompts;
        const zone = circles.find((c) => c.id === latest?.circleId)?.timeZone ?? 'UTC';
        panels[programId] = {
          url: urlFor(res, `/programs/${programId}/prompts`), inCircle: circles.length > 0, earlier: Math.max(0, prompts.length - 1),
          current: latest ? {
            title: latest.title, body: latest.body, when: formatInZone(latest.deliveredAt, zone), url: urlFor(res, `/programs/${programId}/prompts/${latest.id}`),
            answered: latest.myAnswer ? VISIBILITY_LABELS[latest.myAnswer] : null,
          } : null,
          nudge: nudge ? { circleName: nudge.circleName, starter: nudge.starter } : null,
        };
      }
      return panels;
    },
  };
}
