import { expect } from 'chai';
import { startTestTool, type TestTool } from '../support/test-tool.js';

interface Layer {
  name: string;
  route?: { path: string; stack: Array<{ handle: { policyAction?: unknown } }> };
  handle: { stack?: Layer[] };
}

/** Every route of the app with its path and whether an `allow(…)` policy guards it. */
function routesOf(stack: Layer[]): Array<{ path: string; guarded: boolean }> {
  return stack.flatMap((layer) => {
    if (layer.route) return [{ path: layer.route.path, guarded: layer.route.stack.some((l) => l.handle.policyAction !== undefined) }];
    return layer.name === 'router' && layer.handle.stack ? routesOf(layer.handle.stack) : [];
  });
}

describe('LRS trust: every staff route declares its policy', () => {
  let tool: TestTool;
  before(async () => void (tool = await startTestTool()));
  after(() => tool.close());

  it('when the app is built, then every /staff and /deep-linking route carries an allow(…) policy', () => {
    const app = tool.app.express as unknown as { router: { stack: Layer[] } };
    const staffRoutes = routesOf(app.router.stack).filter((r) => /^\/(staff|deep-linking)(\/|$)/.test(String(r.path)));
    expect(staffRoutes.length).to.be.greaterThan(40);
    expect(staffRoutes.filter((r) => !r.guarded).map((r) => r.path)).to.deep.equal([]);
  });
});
