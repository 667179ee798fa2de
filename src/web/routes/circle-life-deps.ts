import type { CircleStore } from '../../mentoring/circles/ports.js';
import type { ContractStore } from '../../mentoring/circle-life/contract-ports.js';
import type { FeedbackStore } from '../../mentoring/circle-life/feedback-ports.js';
import type { GoalStore } from '../../mentoring/circle-life/goal-ports.js';
import type { MeetingStore } from '../../mentoring/circle-life/meeting-ports.js';
import type { CircleStatsStore } from '../../mentoring/circle-life/progress-use-cases.js';
import type { SurveyStore } from '../../mentoring/circle-life/survey-ports.js';
import type { ProgramRepository } from '../../mentoring/programs/ports.js';
import type { ParticipantStore } from '../../mentoring/roster/participant-ports.js';
import type { Clock } from '../../shared/clock.js';
import type { RenderView } from '../views.js';
import type { CircleContactsStore } from '../../db/repositories/circle-contacts-repository.js';
import type { PromptPanels } from '../view-models/prompt-panels.js';

/** What the circle-life pages (contract, goals, meetings, feedback, survey, staff numbers) need. */
export interface CircleLifeWebDeps {
  render: RenderView;
  clock: Clock;
  /** The tool's public URL: its host makes the meeting invitations' UIDs. */
  publicUrl: string;
  programs: ProgramRepository;
  participants: ParticipantStore;
  circles: CircleStore;
  contracts: ContractStore;
  goals: GoalStore;
  meetings: MeetingStore;
  feedback: FeedbackStore;
  surveys: SurveyStore;
  stats: CircleStatsStore;
  /** Members' e-mail and the reader's zone for the circle page (issue #18). */
  contacts: CircleContactsStore;
  /** This week's prompt on top of the circle page (the prompts feature). */
  promptPanels?: PromptPanels;
}
