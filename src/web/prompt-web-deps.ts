import type { CircleStore } from '../mentoring/circles/ports.js';
import type { CirclePromptControlStore, MeetingActivity, NudgeStore, PromptAnswerStore, PromptCalendarStore, PromptLibraryStore } from '../mentoring/prompts/ports.js';
import type { ProgramRepository } from '../mentoring/programs/ports.js';
import type { Clock } from '../shared/clock.js';
import type { RenderView } from './views.js';

/** What the prompt pages need: the stores of the prompts feature and the circles they belong to. */
export interface PromptWebDeps {
  render: RenderView;
  programs: ProgramRepository;
  circles: CircleStore;
  library: PromptLibraryStore;
  calendars: PromptCalendarStore;
  controls: CirclePromptControlStore;
  answers: PromptAnswerStore;
  nudges: NudgeStore;
  meetings: MeetingActivity;
  clock: Clock;
}
