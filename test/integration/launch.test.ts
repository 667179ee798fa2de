import { expect } from 'chai';
import { LtiBrowser } from '../support/lti-browser.js';
import { buildLaunch, instructor, learner } from '../support/factories.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

for (const flavour of ['moodle', 'canvas'] as const) {
  describe(`launch from ${flavour}`, () => {
    let tool: TestTool;
    let platform: TestPlatform;

    before(async () => {
      tool = await startTestTool();
      platform = await TestPlatform.start(flavour);
      await tool.app.registry.registerPlatform(platform.manualRegistration);
    });
    after(async () => {
      await tool.close();
      await platform.close();
    });

    it('when a learner launches, then they land on their mentoring space', async () => {
      const browser = new LtiBrowser(tool.app.express);
      const { response } = await browser.launch(platform, buildLaunch(platform, { user: learner() }));
      expect(response.status, response.text).to.equal(303);
      expect(response.headers.location).to.match(/^\/home\?s=/);
      const home = await browser.follow(response);
      expect(home.status).to.equal(200);
      expect(home.text).to.contain('Your mentoring space');
      expect(home.text).not.to.contain('Set up mentoring for this course');
    });

    it('when an instructor launches, then they see the entry to set up mentoring', async () => {
      const browser = new LtiBrowser(tool.app.express);
      const { response } = await browser.launch(platform, buildLaunch(platform, { user: instructor() }), { loginMethod: 'GET' });
      expect(response.status, response.text).to.equal(303);
      const home = await browser.follow(response);
      expect(home.text).to.contain('Set up mentoring for this course');
      expect(home.text).to.contain('Leadership Essentials');
    });
  });
}
