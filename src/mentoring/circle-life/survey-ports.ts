import type { DomainEvent } from '../events.js';

export interface SurveyAnswers {
  goalProgress: number;
  relationship: number;
  confidence: number;
  clarity: number;
  wouldRecommend: boolean;
  comment: string | null;
}

export interface SurveyStore {
  /** When staff opened the survey before the program's end, else null. */
  openedAt(tenantId: string, programId: string): Promise<Date | null>;
  /** Opens it once; the first opening notifies the participants in the same transaction. */
  open(tenantId: string, programId: string, openedBy: string, now: Date): Promise<void>;
  hasSubmitted(tenantId: string, programId: string, participantId: string): Promise<boolean>;
  /** Records that the participant answered and, apart from it, what was answered; one transaction. */
  submit(tenantId: string, programId: string, participantId: string, answers: SurveyAnswers, events: DomainEvent[]): Promise<'ok' | 'duplicate'>;
  /** All answers of the program, in no meaningful order and with no one's name. */
  answers(tenantId: string, programId: string): Promise<SurveyAnswers[]>;
}
