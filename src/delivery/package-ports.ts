import type { DomainEvent } from '../mentoring/events.js';
import type { CourseRef } from '../mentoring/programs/ports.js';
import type { ProgramRole } from '../mentoring/roster/program-role.js';

/** How a program travels to an LMS without LTI 1.3. */
export type PackageKind = 'scorm12' | 'scorm2004' | 'cmi5';
export type PackageStatus = 'active' | 'disabled';

export const PACKAGE_KINDS: Record<PackageKind, { label: string }> = {
  scorm12: { label: 'SCORM 1.2' },
  scorm2004: { label: 'SCORM 2004 4th edition' },
  cmi5: { label: 'cmi5' },
};

export const isPackageKind = (value: unknown): value is PackageKind =>
  typeof value === 'string' && Object.hasOwn(PACKAGE_KINDS, value);

export interface DeliveryPackage {
  tenantId: string;
  id: string;
  programId: string;
  /** The program's course: package learners are enrolled there. */
  courseId: string;
  programTitle: string;
  kind: PackageKind;
  label: string;
  expiresAt: Date | null;
  /** http(s) origins allowed to launch it; empty: any origin. */
  allowedOrigins: string[];
  status: PackageStatus;
  /** IRI of the package: the xAPI account home page of its learners. */
  homePage: string;
  createdAt: Date;
  deletedAt: Date | null;
}

/** A package as the staff list shows it. */
export interface PackageSummary extends DeliveryPackage {
  launches: number;
  learners: number;
  lastLaunchAt: Date | null;
}

export interface PackageLearnerView {
  userId: string;
  learnerKey: string;
  name: string | null;
  launches: number;
  firstSeenAt: Date;
  lastLaunchAt: Date | null;
}

export interface NewPackage {
  programId: string;
  kind: PackageKind;
  label: string;
  expiresAt: Date | null;
  allowedOrigins: string[];
  /** Plain: the store seals it. */
  secret: string;
  createdBy: string;
  /** Builds the home page IRI from the new package's id. */
  homePageOf: (packageId: string) => string;
}

export interface LearnerToAdmit {
  learnerKey: string;
  name: string;
  givenName: string | null;
  familyName: string | null;
  /** The program role they start with (null: they only see the program). */
  role: ProgramRole | null;
}

export interface AdmittedLearner {
  userId: string;
  enrolmentId: string;
  courseTitle: string | null;
}

export interface PackageStore {
  create(scope: CourseRef, input: NewPackage): Promise<DeliveryPackage>;
  listForProgram(scope: CourseRef, programId: string): Promise<PackageSummary[]>;
  /** A package of this course's program, not deleted. */
  find(
    scope: CourseRef,
    programId: string,
    packageId: string,
  ): Promise<DeliveryPackage | undefined>;
  setStatus(
    scope: CourseRef,
    programId: string,
    packageId: string,
    s: PackageStatus,
  ): Promise<boolean>;
  markDeleted(scope: CourseRef, programId: string, packageId: string, at: Date): Promise<boolean>;
  /** Replaces the signing secret (plain: the store seals it); zips made before stop launching. */
  replaceSecret(
    scope: CourseRef,
    programId: string,
    packageId: string,
    secret: string,
  ): Promise<boolean>;
  learners(scope: CourseRef, programId: string, packageId: string): Promise<PackageLearnerView[]>;
  /** The opened signing secret of a package of the tenant. */
  secretOf(tenantId: string, packageId: string): Promise<string | undefined>;
  /** The package a launch names (deleted ones too: they are refused by name), with its secret. */
  findForLaunch(packageId: string): Promise<(DeliveryPackage & { secret: string }) | undefined>;
  /** Spends a launch nonce: false when it was spent before (a replay). */
  spendNonce(
    p: DeliveryPackage,
    nonce: string,
    learnerKey: string,
    origin: string | null,
    at: Date,
  ): Promise<boolean>;
  /** User, enrolment, participation and package learner in one transaction, with the events. */
  admit(
    p: DeliveryPackage,
    learner: LearnerToAdmit,
    at: Date,
    toEvents: (userId: string, joinedAs: ProgramRole | null) => DomainEvent[],
  ): Promise<AdmittedLearner>;
  /** Whether the user is a learner of this package. */
  isLearnerOf(tenantId: string, packageId: string, userId: string): Promise<boolean>;
}
