import { randomBytes } from 'node:crypto';
import type { CourseScope, ProgramRepository } from '../mentoring/programs/ports.js';
import { getProgram } from '../mentoring/programs/program-use-cases.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { PACKAGE_BUILDERS } from './package-builders.js';
import { validatePackageInput, type PackageFieldErrors } from './package-input.js';
import type {
  DeliveryPackage,
  PackageLearnerView,
  PackageStatus,
  PackageStore,
  PackageSummary,
} from './package-ports.js';

export interface PackageDeps {
  packages: PackageStore;
  programs: ProgramRepository;
  clock: Clock;
  /** The tool's public origin: package launch URLs and home pages live under it. */
  publicUrl: string;
}

export type PackageChange =
  { ok: true; package: DeliveryPackage } | { ok: false; errors: PackageFieldErrors };

/** 256 random bits. */
const newSecret = () => randomBytes(32).toString('base64url');

export const packageHomePage = (publicUrl: string, packageId: string) =>
  `${publicUrl}/packages/${packageId}`;

const notFound = (packageId: string) =>
  new AppError('PACKAGE_NOT_FOUND', 404, 'There is no such package of this program.', {
    cause: { packageId },
  });

async function requirePackage(
  deps: PackageDeps,
  scope: CourseScope,
  programId: string,
  id: string,
) {
  await getProgram(deps, scope, programId);
  const found = await deps.packages.find(scope, programId, id);
  if (!found) throw notFound(id);
  return found;
}

/** A new package of the program, with its own signing secret (256 random bits). */
export async function createPackage(
  deps: PackageDeps,
  scope: CourseScope,
  programId: string,
  body: Record<string, unknown>,
): Promise<PackageChange> {
  await getProgram(deps, scope, programId);
  const result = validatePackageInput(body, deps.clock.now());
  if (!result.ok) return result;
  const created = await deps.packages.create(scope, {
    ...result.input,
    programId,
    secret: newSecret(),
    createdBy: scope.userId,
    homePageOf: (id) => packageHomePage(deps.publicUrl, id),
  });
  return { ok: true, package: created };
}

export async function listPackages(
  deps: PackageDeps,
  scope: CourseScope,
  programId: string,
): Promise<PackageSummary[]> {
  await getProgram(deps, scope, programId);
  return deps.packages.listForProgram(scope, programId);
}

export async function listPackageLearners(
  deps: PackageDeps,
  scope: CourseScope,
  programId: string,
  packageId: string,
): Promise<{ package: DeliveryPackage; learners: PackageLearnerView[] }> {
  const found = await requirePackage(deps, scope, programId, packageId);
  return { package: found, learners: await deps.packages.learners(scope, programId, packageId) };
}

/** Disabled packages show their learners a clear page; enabling opens them again. */
export async function setPackageStatus(
  deps: PackageDeps,
  scope: CourseScope,
  programId: string,
  packageId: string,
  status: PackageStatus,
): Promise<void> {
  await requirePackage(deps, scope, programId, packageId);
  await deps.packages.setStatus(scope, programId, packageId, status);
}

/** Deleted for good from the staff's view; its learners and their work stay in the program. */
export async function deletePackage(
  deps: PackageDeps,
  scope: CourseScope,
  programId: string,
  packageId: string,
): Promise<void> {
  await requirePackage(deps, scope, programId, packageId);
  await deps.packages.markDeleted(scope, programId, packageId, deps.clock.now());
}

/**
 * A new signing secret for the package: every zip downloaded before stops launching (refused as
 * altered); its learners stay the same people. Staff then upload the new zip to the LMS.
 */
export async function rotatePackageSecret(
  deps: PackageDeps,
  scope: CourseScope,
  programId: string,
  packageId: string,
): Promise<void> {
  await requirePackage(deps, scope, programId, packageId);
  await deps.packages.replaceSecret(scope, programId, packageId, newSecret());
}

/** The zip to upload to the other LMS, and its file name. */
export async function downloadPackage(
  deps: PackageDeps,
  scope: CourseScope,
  programId: string,
  packageId: string,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const found = await requirePackage(deps, scope, programId, packageId);
  const secret = await deps.packages.secretOf(scope.tenantId, packageId);
  if (!secret) throw notFound(packageId);
  const bytes = PACKAGE_BUILDERS[found.kind]({ package: found, secret, publicUrl: deps.publicUrl });
  const slug =
    `${found.programTitle}-${found.label}`
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'program';
  return { fileName: `mentoring-${slug}-${found.kind}.zip`, bytes };
}
