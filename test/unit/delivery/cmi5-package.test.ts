import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import {
  buildCmi5Package,
  cmi5CourseStructure,
  cmi5LaunchKey,
  cmi5LaunchUrl,
} from '../../../src/delivery/cmi5/cmi5-package.js';
import type { DeliveryPackage } from '../../../src/delivery/package-ports.js';

const XSD = readFileSync(
  new URL('../../fixtures/cmi5/CourseStructure.xsd', import.meta.url),
  'utf8',
);

const buildPackage = (overrides: Partial<DeliveryPackage> = {}): DeliveryPackage => ({
  tenantId: '6f1c1f55-7a57-4c0e-9d2e-0a5b0f4ad001',
  id: '0b3f2a4c-1d9e-4b8f-a2c7-5e6d7f8a9b01',
  programId: '3c4d5e6f-7081-4a92-b3c4-d5e6f7081a92',
  courseId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  programTitle: 'Leaders <& "mentors">',
  kind: 'cmi5',
  label: 'Corporate LXP',
  expiresAt: null,
  allowedOrigins: [],
  status: 'active',
  homePage: 'https://tool.test/packages/0b3f2a4c-1d9e-4b8f-a2c7-5e6d7f8a9b01',
  createdAt: new Date('2026-11-02T09:00:00Z'),
  deletedAt: null,
  ...overrides,
});

const validate = (xml: string) =>
  validateXML({
    xml: [{ fileName: 'cmi5.xml', contents: xml }],
    schema: [{ fileName: 'CourseStructure.xsd', contents: XSD }],
  });

describe('the cmi5 course package', () => {
  const options = {
    publicUrl: 'https://tool.test',
    secret: 'package-secret-0123456789',
    masteryScore: null,
  };

  it('when built, then it is a zip with cmi5.xml at its root, valid against CourseStructure.xsd', async () => {
    const files = unzipSync(buildCmi5Package(buildPackage(), options));
    expect(Object.keys(files)).to.deep.equal(['cmi5.xml']);
    const result = await validate(strFromU8(files['cmi5.xml']!));
    expect(result.errors).to.deep.equal([]);
    expect(result.valid).to.equal(true);
  });

  it('when the program has no mastery score, then the one AU moves on at completion, launched AnyWindow', () => {
    const xml = cmi5CourseStructure(buildPackage(), options);
    expect(xml.match(/<au /g)).to.have.length(1);
    expect(xml)
      .to.contain('moveOn="Completed"')
      .and.contain('launchMethod="AnyWindow"')
      .and.not.contain('masteryScore');
  });

  it('when a mastery score applies, then moveOn asks for completion and passing, and the XSD accepts it', async () => {
    const xml = cmi5CourseStructure(buildPackage(), { ...options, masteryScore: 0.8 });
    expect(xml).to.contain('moveOn="CompletedAndPassed"').and.contain('masteryScore="0.8000"');
    expect((await validate(xml)).valid).to.equal(true);
  });

  it('when titles hold markup, then they are escaped and the XML stays valid', async () => {
    const xml = cmi5CourseStructure(buildPackage(), options);
    expect(xml).to.contain('Leaders &lt;&amp; &quot;mentors&quot;&gt;').and.not.contain('<& "');
    expect((await validate(xml)).valid).to.equal(true);
  });

  it('when the AU url is read, then it is the absolute launch URL of that package with its key and no cmi5 names', () => {
    const xml = cmi5CourseStructure(buildPackage(), options);
    const url = new URL(/<url>(.*)<\/url>/.exec(xml)![1]!.replace(/&amp;/g, '&'));
    expect(url.origin + url.pathname).to.equal(
      'https://tool.test/cmi5/packages/0b3f2a4c-1d9e-4b8f-a2c7-5e6d7f8a9b01/launch',
    );
    expect(url.searchParams.get('k')).to.equal(cmi5LaunchKey(options.secret, buildPackage().id));
    for (const name of ['endpoint', 'fetch', 'actor', 'registration', 'activityId'])
      expect(url.searchParams.has(name)).to.equal(false);
    expect(cmi5LaunchUrl('https://tool.test', 'other', options.secret)).to.not.contain(
      url.searchParams.get('k')!,
    );
  });

  it('when the schema check is given a broken structure, then it fails (the check is real)', async () => {
    const broken = cmi5CourseStructure(buildPackage(), options).replace(
      'launchMethod="AnyWindow"',
      'launchMethod="Popup"',
    );
    const result = await validate(broken);
    expect(result.valid).to.equal(false);
    expect(result.errors.map((e) => e.message).join(' ')).to.contain('launchMethod');
  });
});
