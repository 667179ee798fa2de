import { expect } from 'chai';
import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import type { DeliveryPackage } from '../../../src/delivery/package-ports.js';
import {
  LAUNCHER_FILES,
  scormManifest,
  type ScormVersion,
} from '../../../src/delivery/scorm/scorm-manifest.js';
import { buildScormPackage } from '../../../src/delivery/scorm/scorm-package.js';

const buildPackage = (overrides: Partial<DeliveryPackage> = {}): DeliveryPackage => ({
  tenantId: '6f1c1f55-7a57-4c0e-9d2e-0a5b0f4ad001',
  id: '0b3f2a4c-1d9e-4b8f-a2c7-5e6d7f8a9b01',
  programId: '3c4d5e6f-7081-4a92-b3c4-d5e6f7081a92',
  courseId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  programTitle: 'Leaders <& "mentors">',
  kind: 'scorm12',
  label: 'Cornerstone EU',
  expiresAt: null,
  allowedOrigins: [],
  status: 'active',
  homePage: 'https://tool.test/packages/0b3f2a4c',
  createdAt: new Date('2026-11-02T09:00:00Z'),
  deletedAt: null,
  ...overrides,
});

/**
 * The namespaces each manifest uses, each with the schema file the standard names for it. The 1.2
 * zip also carries imsmd_rootv1p2p1.xsd (the manifest's schemaLocation names it), but libxml2 cannot
 * compile that file (its content models break the Unique Particle Attribution rule); the manifest
 * has no metadata element of that namespace, which the last test checks.
 */
const NAMESPACES: Record<ScormVersion, Array<[string, string]>> = {
  scorm12: [
    ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
    ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
  ],
  scorm2004: [
    ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
    ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
    ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
    ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
    ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
  ],
};

/** xmllint takes one schema: a driver that imports every namespace from the package's own files. */
const driver = (version: ScormVersion) => `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
${NAMESPACES[version].map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`).join('\n')}
</xs:schema>`;

async function validateManifest(
  version: ScormVersion,
  xml: string,
  files: Record<string, Uint8Array>,
) {
  const preload = Object.entries(files)
    .filter(([name]) => name.endsWith('.xsd'))
    .map(([fileName, bytes]) => ({ fileName, contents: strFromU8(bytes) }));
  return validateXML({
    xml: [{ fileName: 'imsmanifest.xml', contents: xml }],
    schema: [{ fileName: 'driver.xsd', contents: driver(version) }],
    preload,
  });
}

const input = (p: DeliveryPackage) => ({
  package: p,
  secret: 'package-secret-0123456789',
  publicUrl: 'https://tool.test',
});

for (const version of ['scorm12', 'scorm2004'] as const) {
  describe(`the ${version} package`, () => {
    const p = buildPackage({ kind: version });
    const files = unzipSync(buildScormPackage(version, input(p)));

    it('when built, then imsmanifest.xml at the zip root is valid against the schemas the zip carries', async () => {
      expect(files).to.have.property('imsmanifest.xml');
      for (const [, file] of NAMESPACES[version]) expect(files, file).to.have.property(file);
      if (version === 'scorm12') {
        expect(files).to.have.property('imsmd_rootv1p2p1.xsd');
        expect(strFromU8(files['imsmanifest.xml']!)).to.not.match(/<(imsmd|lom):/);
      }
      const result = await validateManifest(version, strFromU8(files['imsmanifest.xml']!), files);
      expect(result.errors).to.deep.equal([]);
      expect(result.valid).to.equal(true);
    });

    it('when the manifest is broken, then the schemas refuse it', async () => {
      const good = strFromU8(files['imsmanifest.xml']!);
      const noResources = good.replace(/<resources>[\s\S]*<\/resources>/, '');
      expect((await validateManifest(version, noResources, files)).valid).to.equal(false);
      const badType = good.replace(/type="webcontent"/, '');
      expect((await validateManifest(version, badType, files)).valid).to.equal(false);
      const badId = good.replace('identifier="ITEM-1"', 'identifier="1 item"');
      expect((await validateManifest(version, badId, files)).valid).to.equal(false);
    });

    it('when read, then one organization holds one item and one SCO, whose files are all in the zip', () => {
      const xml = strFromU8(files['imsmanifest.xml']!);
      expect(xml.match(/<organization /g)).to.have.length(1);
      expect(xml.match(/<item /g)).to.have.length(1);
      expect(xml.match(/<resource /g)).to.have.length(1);
      expect(xml).to.match(
        version === 'scorm12' ? /adlcp:scormtype="sco"/ : /adlcp:scormType="sco"/,
      );
      for (const f of LAUNCHER_FILES) expect(files, f).to.have.property(f);
      for (const [, href] of xml.matchAll(/<file href="([^"]+)"/g))
        expect(files, href).to.have.property(href!);
    });

    it('when the title holds markup, then it is escaped', () => {
      const xml = scormManifest(version, p);
      expect(xml).to.contain('Leaders &lt;&amp; &quot;mentors&quot;&gt;').and.not.contain('<& "');
    });

    it('when the launcher config is read, then it names the package, its kind and the tool', () => {
      const config = strFromU8(files['launcher/package-config.js']!);
      const json = JSON.parse(config.replace(/^window\.MC_PACKAGE = /, '').replace(/;\s*$/, ''));
      expect(json).to.deep.include({
        kind: version,
        packageId: p.id,
        toolOrigin: 'https://tool.test',
        launchUrl: `https://tool.test/packages/${p.id}/scorm/launch`,
      });
    });
  });
}
