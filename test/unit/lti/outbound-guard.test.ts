import { expect } from 'chai';
import { issuerMatchesConfigurationUrl } from '../../../src/lti/dynamic-registration.js';
import { isForbiddenAddress, resolveOutboundHost } from '../../../src/lti/outbound-guard.js';

describe('outbound guard', () => {
  const internal = [
    '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1',
    '169.254.169.254', '100.64.0.1', '100.127.255.254', '0.0.0.0', '224.0.0.1', '239.1.2.3',
    '255.255.255.255', '::', '::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:8.8.8.8',
    'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1', '64:ff9b::a00:1',
  ];
  for (const address of internal) {
    it(`when an address is ${address}, then it is refused`, () => {
      expect(isForbiddenAddress(address)).to.equal(true);
    });
  }

  for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111']) {
    it(`when an address is the public ${address}, then it is allowed`, () => {
      expect(isForbiddenAddress(address)).to.equal(false);
    });
  }

  it('when a name resolves to loopback, then it is refused unless private hosts are allowed', async () => {
    expect(await resolveOutboundHost('localhost', false)).to.deep.include({ ok: false, reason: 'forbidden' });
    expect(await resolveOutboundHost('localhost', true)).to.deep.include({ ok: true });
  });

  it('when an IPv6 literal in brackets is loopback, then it is refused', async () => {
    expect(await resolveOutboundHost('[::1]', false)).to.deep.include({ ok: false, reason: 'forbidden' });
  });

  it('when a name does not resolve, then it is unresolvable', async () => {
    expect(await resolveOutboundHost('no-such-host.invalid', true)).to.deep.equal({ ok: false, reason: 'unresolvable' });
  });
});

describe('issuer and OpenID configuration URL match', () => {
  const cases: Array<[string, string, boolean]> = [
    ['https://moodle.example', 'https://moodle.example/mod/lti/openid-configuration.php', true],
    ['https://moodle.example/', 'https://moodle.example/.well-known/openid-configuration', true],
    ['https://x.example/moodle', 'https://x.example/moodle/mod/lti/openid-configuration.php', true],
    ['https://x.example/moodle', 'https://x.example/moodle2/mod/lti/openid-configuration.php', false],
    ['https://canvas.instructure.com', 'https://evil.example/.well-known/openid-configuration', false],
    ['https://a.example', 'https://a.example.evil.example/openid', false],
    ['https://a.example', 'http://a.example/openid', false],
    ['https://a.example', 'https://a.example:8443/openid', false],
    ['https://a.example?x=1', 'https://a.example/openid', false],
  ];
  for (const [issuer, url, ok] of cases) {
    it(`when the issuer is ${issuer} and the URL ${url}, then they ${ok ? '' : 'do not '}match`, () => {
      expect(issuerMatchesConfigurationUrl(issuer, url)).to.equal(ok);
    });
  }
});
