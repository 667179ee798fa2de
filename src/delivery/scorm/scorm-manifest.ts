import type { DeliveryPackage } from '../package-ports.js';

export type ScormVersion = 'scorm12' | 'scorm2004';

const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** The files of the one SCO (the launcher), relative to the zip root. */
export const LAUNCHER_FILES = [
  'launcher/index.html',
  'launcher/launcher.css',
  'launcher/launcher.js',
  'launcher/scorm-runtime.js',
  'launcher/launch-request.js',
  'launcher/sha256.js',
  'launcher/package-config.js',
] as const;

const ID = (p: DeliveryPackage) => `MC-${p.id}`;

const files = () => LAUNCHER_FILES.map((f) => `      <file href="${f}"/>`).join('\n');

/** SCORM 1.2 CAM: one organization, one item, one SCO. */
function manifest12(p: DeliveryPackage, title: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${ID(p)}" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
    http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd
    http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1">
      <title>${title}</title>
      <item identifier="ITEM-1" identifierref="RES-1" isvisible="true">
        <title>${title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="launcher/index.html">
${files()}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * SCORM 2004 4th Edition CAM: the SCO reports completion and success itself
 * (completionSetByContent / objectiveSetByContent), so the LMS does not mark it on exit.
 */
function manifest2004(p: DeliveryPackage, title: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${ID(p)}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd
    http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd
    http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd
    http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd
    http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1">
      <title>${title}</title>
      <item identifier="ITEM-1" identifierref="RES-1" isvisible="true">
        <title>${title}</title>
        <imsss:sequencing>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-1" type="webcontent" adlcp:scormType="sco" href="launcher/index.html">
${files()}
    </resource>
  </resources>
</manifest>
`;
}

const MANIFESTS: Record<ScormVersion, (p: DeliveryPackage, title: string) => string> = {
  scorm12: manifest12,
  scorm2004: manifest2004,
};

/** imsmanifest.xml of the package (the LMS shows the title; the label says which LMS it is for). */
export function scormManifest(version: ScormVersion, p: DeliveryPackage): string {
  return MANIFESTS[version](p, escapeXml(p.programTitle.slice(0, 200)));
}
