import type { DomainEvent } from '../events.js';
import type { ProgramSettings } from './program-settings.js';

/** Who acts, where: every read and write of the domain is scoped by it. */
export interface CourseScope {
  tenantId: string;
  courseId: string;
  userId: string;
}

export type CourseRef = Pick<CourseScope, 'tenantId' | 'courseId'>;

export interface Program extends ProgramSettings {
  id: string;
  tenantId: string;
  courseId: string;
  duplicatedFrom: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CourseSummary {
  id: string;
  title: string;
}

export interface ProgramRepository {
  /** Writes the program and its events in one transaction. */
  create(program: Omit<Program, 'createdAt' | 'updatedAt'>, createdBy: string, events: DomainEvent[]): Promise<Program>;
  update(scope: CourseScope, id: string, settings: ProgramSettings, events: DomainEvent[]): Promise<Program | undefined>;
  find(course: CourseRef, id: string): Promise<Program | undefined>;
  listForCourse(course: CourseRef): Promise<Program[]>;
  /** Other courses of the tenant in which this user is staff. */
  coursesWhereStaff(scope: CourseScope): Promise<CourseSummary[]>;
}
