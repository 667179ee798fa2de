import { createHmac } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { DeliveryPackage } from '../package-ports.js';

/** cmi5 moveOn values (cmi5 13.1.4). */
export type MoveOn =
  'Passed' | 'Completed' | 'CompletedAndPassed' | 'CompletedOrPassed' | 'NotApplicable';

export interface Cmi5PackageOptions {
  /** The tool's public base URL (PUBLIC_URL): the AU's url is absolute (cmi5 14.1). */
  publicUrl: string;
  /** The package's opened secret: the launch URL carries a key derived from it. */
  secret: string;
  /** 0..1 when the program judges pass/fail on a score; null: completion alone moves on. */
  masteryScore: number | null;
}

/**
 * The moveOn of the program's completion rule: completion, and passing too when a mastery score
 * applies.
 */
export const moveOnFor = (masteryScore: number | null): MoveOn =>
  masteryScore === null ? 'Completed' : 'CompletedAndPassed';

/** The key in the AU url: only an LMS that was given the package can start a launch of it. */
export const cmi5LaunchKey = (secret: string, packageId: string) =>
  createHmac('sha256', secret).update(`cmi5-launch:${packageId}`).digest('base64url');

/** The AU's launch URL (its query names do not collide with cmi5's five, 8.1). */
export function cmi5LaunchUrl(publicUrl: string, packageId: string, secret: string): string {
  const url = new URL(`/cmi5/packages/${packageId}/launch`, publicUrl);
  url.searchParams.set('k', cmi5LaunchKey(secret, packageId));
  return url.href;
}

/**
 * Publisher ids of the course and the AU (13.1.1, 13.1.4): stable IRIs under the package's home
 * page.
 */
export const cmi5Ids = (pkg: Pick<DeliveryPackage, 'homePage'>) => ({
  course: `${pkg.homePage}/cmi5/course`,
  au: `${pkg.homePage}/cmi5/au`,
});

const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const langstring = (text: string) => `<langstring lang="en-US">${escapeXml(text)}</langstring>`;

/**
 * cmi5.xml: one course, one AU (the tool, launched remotely), valid against CourseStructure.xsd.
 */
export function cmi5CourseStructure(pkg: DeliveryPackage, options: Cmi5PackageOptions): string {
  const ids = cmi5Ids(pkg);
  const title = pkg.programTitle;
  const description =
    `The mentoring program "${pkg.programTitle}", run in Mentoring Circles (${pkg.label}).`;
  const mastery =
    options.masteryScore === null ? '' : ` masteryScore="${options.masteryScore.toFixed(4)}"`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">',
    `  <course id="${escapeXml(ids.course)}">`,
    `    <title>${langstring(title)}</title>`,
    `    <description>${langstring(description)}</description>`,
    '  </course>',
    `  <au id="${escapeXml(ids.au)}" moveOn="${moveOnFor(options.masteryScore)}"${mastery}` +
      ' launchMethod="AnyWindow">',
    `    <title>${langstring(title)}</title>`,
    `    <description>${langstring(description)}</description>`,
    `    <url>${escapeXml(cmi5LaunchUrl(options.publicUrl, pkg.id, options.secret))}</url>`,
    '  </au>',
    '</courseStructure>',
    '',
  ].join('\n');
}

/** The course package: a zip with cmi5.xml at its root (cmi5 14.1). */
export function buildCmi5Package(pkg: DeliveryPackage, options: Cmi5PackageOptions): Uint8Array {
  const mtime = pkg.createdAt;
  return zipSync(
    { 'cmi5.xml': [strToU8(cmi5CourseStructure(pkg, options)), { mtime }] },
    { level: 6 },
  );
}
