import { buildCmi5Package } from './cmi5/cmi5-package.js';
import type { DeliveryPackage, PackageKind } from './package-ports.js';
import { buildScormPackage } from './scorm/scorm-package.js';

export interface PackageBuildInput {
  package: DeliveryPackage;
  /** The package's opened signing secret (the zip carries it or a key derived from it). */
  secret: string;
  /** The tool's public base URL. */
  publicUrl: string;
}

/** Exhaustive: a new kind does not compile until it can be built. Each returns the zip's bytes. */
export const PACKAGE_BUILDERS: Record<PackageKind, (input: PackageBuildInput) => Uint8Array> = {
  scorm12: (input) => buildScormPackage('scorm12', input),
  scorm2004: (input) => buildScormPackage('scorm2004', input),
  cmi5: (input) =>
    buildCmi5Package(input.package, {
      publicUrl: input.publicUrl,
      secret: input.secret,
      masteryScore: null,
    }),
};
