import { expect } from 'chai';
import { parseLinkHeader } from '../../../src/lti/nrps-client.js';

describe('NRPS Link header', () => {
  it('when next and differences are both given, then both are read', () => {
    const links = parseLinkHeader('<https://lms.test/m?limit=2&from=2>; rel="next", <https://lms.test/m?since=7>; rel="differences"');
    expect(links).to.deep.equal({ next: 'https://lms.test/m?limit=2&from=2', differences: 'https://lms.test/m?since=7' });
  });
  it('when a URL contains a comma, then it is not split', () => {
    expect(parseLinkHeader('<https://lms.test/m?role=a,b&p=2>; rel=next').next).to.equal('https://lms.test/m?role=a,b&p=2');
  });
  it('when there is no header, then there are no links', () => {
    expect(parseLinkHeader(null)).to.deep.equal({});
  });
});
