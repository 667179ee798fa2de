import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { toLaunchContext } from '../../../src/lti/launch-context.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/moodle-4.5/${name}`, import.meta.url), 'utf8'));
const AGS = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';

describe('AGS claim → LaunchContext', () => {
  it('when Moodle 4.5 launches a graded activity, then its line item, line items and scopes are kept', () => {
    const claims = fixture('launch-learner.claims.json');
    const ctx = toLaunchContext(claims);
    expect(ctx.services.lineItemUrl).to.equal(claims[AGS].lineitem);
    expect(ctx.services.lineItemsUrl).to.equal(claims[AGS].lineitems);
    expect(ctx.services.agsScopes).to.deep.equal(claims[AGS].scope);
  });

  it('when the line item is not an http(s) URL or the claim is absent, then there is no line item (not a refused launch)', () => {
    const claims = fixture('launch-learner.claims.json');
    claims[AGS] = { ...claims[AGS], lineitem: 'javascript:alert(1)' };
    expect(toLaunchContext(claims).services.lineItemUrl).to.equal(null);
    delete claims[AGS];
    expect(toLaunchContext(claims).services).to.deep.include({ lineItemUrl: null, lineItemsUrl: null, agsScopes: [] });
  });
});
