import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { projectRoot } from '../../shared/project-root.js';
import type { PackageBuildInput } from '../package-builders.js';
import { scormManifest, type ScormVersion } from './scorm-manifest.js';

const HERE = () => path.join(projectRoot(), 'src', 'delivery', 'scorm');

/** The schema files the manifest names: at the zip root, as the standard requires. */
function schemaFiles(version: ScormVersion): Record<string, Uint8Array> {
  const dir = path.join(HERE(), 'schemas', version);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.xsd'))
      .map((f) => [f, readFileSync(path.join(dir, f))]),
  );
}

const STATIC_LAUNCHER = [
  'index.html',
  'launcher.css',
  'launcher.js',
  'scorm-runtime.js',
  'launch-request.js',
  'sha256.js',
] as const;

/** What the launcher needs to know: written into the zip as a small script, not fetched. */
export function launcherConfig(version: ScormVersion, input: PackageBuildInput) {
  const p = input.package;
  return {
    kind: version,
    packageId: p.id,
    title: p.programTitle,
    launchUrl: `${input.publicUrl}/packages/${p.id}/scorm/launch`,
    toolOrigin: new URL(input.publicUrl).origin,
    secret: input.secret,
  };
}

/** The zip to upload: imsmanifest.xml, the schemas, the launcher (its config holds the secret). */
export function buildScormPackage(version: ScormVersion, input: PackageBuildInput): Uint8Array {
  const mtime = input.package.createdAt;
  const launcherDir = path.join(HERE(), 'launcher');
  const entries: Zippable = {
    'imsmanifest.xml': [strToU8(scormManifest(version, input.package)), { mtime }],
  };
  for (const [name, bytes] of Object.entries(schemaFiles(version)))
    entries[name] = [bytes, { mtime }];
  for (const name of STATIC_LAUNCHER) {
    entries[`launcher/${name}`] = [readFileSync(path.join(launcherDir, name)), { mtime }];
  }
  const json = JSON.stringify(launcherConfig(version, input), null, 2);
  const config = `window.MC_PACKAGE = ${json};\n`;
  entries['launcher/package-config.js'] = [strToU8(config), { mtime }];
  return zipSync(entries, { level: 6 });
}
