import type { Cmi5Launch, Cmi5Verb } from './cmi5-statements.js';

export type Cmi5LaunchMode = 'Normal' | 'Browse' | 'Review';

/** One cmi5 AU session as the tool keeps it (the token opened only where it is used). */
export interface Cmi5Session extends Cmi5Launch {
  tenantId: string;
  packageId: string;
  userId: string;
  lmsSessionId: string;
  endpoint: string;
  /** Opened from the sealed column. */
  authToken: string;
  launchMode: Cmi5LaunchMode;
  moveOn: string | null;
  returnUrl: string | null;
  languagePreference: string | null;
  audioPreference: 'on' | 'off' | null;
  exitKeyHash: string;
  sent: Record<Exclude<Cmi5Verb, 'initialized'>, Date | null>;
  lostAt: Date | null;
  lostReason: string | null;
}

export type NewCmi5Session = Omit<Cmi5Session, 'initializedAt' | 'sent' | 'lostAt' | 'lostReason'>;

/** What the registration (the learner's enrolment in the LMS course) already holds (cmi5 9.3). */
export interface RegistrationState {
  completed: boolean;
  passed: boolean;
  failed: boolean;
}

/** What a locked session step wrote: the statements sent, or that the token was lost. */
export interface SessionStep {
  sent: Array<{ verb: Cmi5Verb; at: Date }>;
  lost: { at: Date; reason: string } | null;
}

export interface Cmi5SessionStore {
  /** Records a new session; the registration's other open sessions are abandoned (cmi5 9.3.6). */
  create(session: NewCmi5Session, at: Date): Promise<void>;
  /** A session by its id alone (the exit page's URL names it; its key proves the holder). */
  findById(id: string): Promise<Cmi5Session | undefined>;
  /** The user's newest session still able to report (initialized, not terminated, not lost). */
  openSessionOf(tenantId: string, userId: string): Promise<Cmi5Session | undefined>;
  /**
   * Runs `step` with the session and its registration locked (every session of that registration,
   * so two tabs never both send completed) and records what it sent, in one transaction.
   */
  withRegistrationLocked(
    tenantId: string,
    id: string,
    step: (session: Cmi5Session, registration: RegistrationState) => Promise<SessionStep>,
  ): Promise<SessionStep>;
}
