import { expect } from 'chai';
import type { JWTPayload } from 'jose';
import { buildLaunch, instructor, learner } from '../support/factories.js';
import type { DeepLinkingSettingsOverrides } from '../support/platform-claims.js';
import type { ContentItem } from '../support/platform/deep-linking.js';
import { FakeTool, launchClaims } from '../support/platform/fake-tool.js';
import { TestPlatform } from '../support/test-platform.js';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL_SETTINGS = 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings';

const item = (title: string, extra: Partial<ContentItem> = {}): ContentItem => ({
  type: 'ltiResourceLink',
  title,
  url: 'https://tool.test/lti/launch',
  custom: { program: 'prog-1', activity: title.toLowerCase().replaceAll(' ', '-') },
  ...extra,
});

for (const flavour of ['moodle', 'canvas'] as const) {
  describe(`test platform: Deep Linking 2.0 return (${flavour})`, () => {
    let tool: FakeTool;
    let platform: TestPlatform;
    const settings: DeepLinkingSettingsOverrides = { accept_types: ['ltiResourceLink'], accept_multiple: false, auto_create: true, data: 'opaque-42', title: 'Add mentoring' };

    before(async () => {
      tool = await FakeTool.start();
      platform = tool.connect(await TestPlatform.start(flavour));
    });
    after(async () => {
      await platform.close();
      await tool.close();
    });

    async function openRequest(overrides: DeepLinkingSettingsOverrides = settings) {
      const claims = await launchClaims(platform, buildLaunch(platform, { user: instructor(), messageType: 'LtiDeepLinkingRequest', deepLinking: overrides }));
      return { claims, request: platform.deepLinkRequests.at(-1)! };
    }

    async function answer(items: ContentItem[], claims: JWTPayload = {}, options: { overrides?: DeepLinkingSettingsOverrides } = {}) {
      const { request } = await openRequest(options.overrides);
      const jwt = await tool.deepLinkingResponse(platform, request, items, claims);
      return platform.submitDeepLinkForm(FakeTool.deepLinkForm(request.returnUrl, jwt));
    }

    it('when a deep-linking request is launched, then its settings carry the overrides and return to this platform', async () => {
      const overrides = { ...settings, accept_types: ['ltiResourceLink', 'link'], accept_presentation_document_targets: ['window'], text: 'Pick one' };
      const { claims, request } = await openRequest(overrides);
      expect(claims[`${LTI}message_type`]).to.equal('LtiDeepLinkingRequest');
      expect(claims[DL_SETTINGS]).to.deep.include({ ...overrides, deep_link_return_url: request.returnUrl });
      expect(request.settings).to.deep.equal(claims[DL_SETTINGS]);
      expect(request.returnUrl).to.match(flavour === 'moodle' ? /\/mod\/lti\/contentitem_return\.php\?course=101&id=1&sesskey=\w+$/ : /\/courses\/101\/deep_linking_response\?modal=true&request=\w+$/);
      expect(request.returnUrl.startsWith(platform.url)).to.equal(true);
    });

    it('when the tool answers a well-formed signed response, then the platform keeps its content items', async () => {
      const { status, html, response } = await answer([item('Kick-off')]);
      expect(response.problems).to.deep.equal([]);
      expect([status, response.ok, response.signatureValid]).to.deep.equal([200, true, true]);
      expect(response.contentItems.map((i) => i.custom)).to.deep.equal([{ program: 'prog-1', activity: 'kick-off' }]);
      expect(html).to.contain('Content added').and.to.contain('Kick-off');
    });

    const bad: Array<{ when: string; items: ContentItem[]; claims?: JWTPayload; problem: RegExp }> = [
      { when: 'aud is not the platform', items: [item('A')], claims: { aud: 'https://other.test' }, problem: /^aud is/ },
      { when: 'data was changed', items: [item('A')], claims: { 'https://purl.imsglobal.org/spec/lti-dl/claim/data': 'opaque-43' }, problem: /^data is "opaque-43", not "opaque-42"/ },
      { when: 'two items come back although accept_multiple is false', items: [item('A'), item('B')], problem: /2 content items but accept_multiple/ },
      { when: 'the message type is wrong', items: [item('A')], claims: { [`${LTI}message_type`]: 'LtiResourceLinkRequest' }, problem: /^message_type is LtiResourceLinkRequest/ },
      { when: 'the deployment differs', items: [item('A')], claims: { [`${LTI}deployment_id`]: 'other' }, problem: /^deployment_id is other/ },
      { when: 'an item type was not offered', items: [item('A', { type: 'file' })], problem: /type file not in accept_types/ },
      { when: 'the nonce is missing', items: [item('A')], claims: { nonce: undefined }, problem: /^no nonce$/ },
      { when: 'it expired', items: [item('A')], claims: { exp: Math.floor(Date.now() / 1000) - 60 }, problem: /^exp .* not in the future/ },
    ];
    for (const { when, items, claims, problem } of bad) {
      it(`when ${when}, then the platform refuses it and lists the problem`, async () => {
        const { status, html, response } = await answer(items, claims);
        expect([status, response.ok]).to.deep.equal([400, false]);
        expect(response.problems.some((p) => problem.test(p)), response.problems.join(' | ')).to.equal(true);
        expect(html).to.contain('refused');
      });
    }

    it('when the response is signed with a key the tool does not publish, then a signature problem', async () => {
      const { request } = await openRequest();
      const good = await tool.deepLinkingResponse(platform, request, [item('A')]);
      const forged = await tool.sign(JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString()) as JWTPayload, { forged: true });
      const { response } = await platform.submitDeepLinkForm(FakeTool.deepLinkForm(request.returnUrl, forged));
      expect(response.signatureValid).to.equal(false);
      expect(response.problems.join()).to.match(/^signature:/);
    });

    it('when the same response is posted twice, then the replayed nonce is refused', async () => {
      const { request } = await openRequest();
      const form = FakeTool.deepLinkForm(request.returnUrl, await tool.deepLinkingResponse(platform, request, [item('A')]));
      expect((await platform.submitDeepLinkForm(form)).response.ok).to.equal(true);
      expect((await platform.submitDeepLinkForm(form)).response.problems.join()).to.match(/nonce .* already used/);
    });

    it('when the tool adds a lineItem, then it is refused only where the platform offers no AGS', async () => {
      const { response } = await answer([item('Graded', { lineItem: { scoreMaximum: 10 } })]);
      expect(response.ok, response.problems.join()).to.equal(platform.features.ags);
    });

    it('when a placed item is launched, then a new resource link with its title and custom parameters arrives', async () => {
      const { response } = await answer([item('Close-out survey')]);
      const base = buildLaunch(platform, { user: learner(), custom: { course_flag: 'x' } });
      const spec = platform.launchSpecForItem(response.contentItems[0]!, base);
      const claims = await launchClaims(platform, spec);
      const link = claims[`${LTI}resource_link`] as { id: string; title: string };
      expect(claims[`${LTI}message_type`]).to.equal('LtiResourceLinkRequest');
      expect(link.title).to.equal('Close-out survey');
      expect(link.id).not.to.equal(base.resourceLink!.id);
      expect(platform.launchSpecForItem(response.contentItems[0]!, base).resourceLink!.id).not.to.equal(link.id);
      expect(claims[`${LTI}custom`]).to.include({ program: 'prog-1', activity: 'close-out-survey', course_flag: 'x' });
      expect(claims[`${LTI}target_link_uri`]).to.equal('https://tool.test/lti/launch');
    });
  });
}
