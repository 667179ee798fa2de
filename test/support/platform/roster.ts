import { isDeepStrictEqual } from 'node:util';
import type { PlatformUser } from '../platform-claims.js';

/** @see https://www.imsglobal.org/spec/lti-nrps/v2p0#membership-container-media-type */
export type MemberStatus = 'Active' | 'Inactive' | 'Deleted';

export interface RosterEntry {
  user: PlatformUser;
  status: MemberStatus;
  /** Roster version of the entry's last change (what `differences` compares). */
  version: number;
}

/**
 * A course's membership as the platform knows it. Every change bumps the version, so a
 * `differences` URL (`?since=<version>`) can list who joined, changed or left after it was issued.
 * Launches do not enrol anyone: the roster is exactly what the test set.
 */
export class Roster {
  context: { id: string; label: string; title: string };
  private readonly entries = new Map<string, RosterEntry>();
  private changes = 0;

  constructor(contextId: string) {
    this.context = { id: contextId, label: contextId, title: `Course ${contextId}` };
  }

  get version(): number {
    return this.changes;
  }

  /** Makes the roster exactly these users (Active); anyone else becomes Deleted. */
  set(users: PlatformUser[]): this {
    const keep = new Set(users.map((u) => u.sub));
    for (const entry of this.entries.values()) if (!keep.has(entry.user.sub)) this.put(entry.user, 'Deleted');
    for (const user of users) this.put(user, 'Active');
    return this;
  }

  /** Enrols the user, or updates and reactivates them. */
  add(user: PlatformUser): this {
    this.put(user, 'Active');
    return this;
  }

  /** Unenrols: absent from full fetches, `Deleted` in differences. */
  remove(userId: string): this {
    this.put(this.entry(userId).user, 'Deleted');
    return this;
  }

  /** Suspends the enrolment: listed as `Inactive` in full fetches and differences. */
  deactivate(userId: string): this {
    this.put(this.entry(userId).user, 'Inactive');
    return this;
  }

  /** What a full fetch lists: everyone not Deleted, in enrolment order. */
  members(): RosterEntry[] {
    return [...this.entries.values()].filter((e) => e.status !== 'Deleted');
  }

  /** What a differences fetch lists: every entry changed after that version, Deleted ones included. */
  changedSince(version: number): RosterEntry[] {
    return [...this.entries.values()].filter((e) => e.version > version);
  }

  private entry(userId: string): RosterEntry {
    const entry = this.entries.get(userId);
    if (!entry) throw new Error(`User ${userId} is not on the roster of course ${this.context.id}`);
    return entry;
  }

  private put(user: PlatformUser, status: MemberStatus): void {
    const current = this.entries.get(user.sub);
    if (current && current.status === status && isDeepStrictEqual(current.user, user)) return;
    if (!current && status === 'Deleted') return;
    this.entries.set(user.sub, { user: { ...user }, status, version: ++this.changes });
  }
}
