import type { DomainEvent } from '../events.js';

export interface NewFeedback {
  meetingId: string;
  fromParticipantId: string;
  toParticipantId: string;
  rating: number;
  comment: string | null;
}

export interface Feedback extends NewFeedback {
  id: string;
  fromName: string;
  toName: string;
  meetingStartsAt: Date;
  createdAt: Date;
}

export interface FeedbackStore {
  /** 'duplicate' when this giver already gave this receiver feedback on this meeting. */
  give(tenantId: string, circleId: string, feedback: NewFeedback, events: DomainEvent[]): Promise<'ok' | 'duplicate'>;
  /** Feedback this participant received in the circle, newest first. */
  receivedBy(tenantId: string, circleId: string, participantId: string): Promise<Feedback[]>;
  /** Feedback this participant gave on one meeting. */
  givenOn(tenantId: string, meetingId: string, participantId: string): Promise<Feedback[]>;
}
