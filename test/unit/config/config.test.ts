import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../src/config/config.js';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('when nothing is set, then it runs embedded on port 3000 with Lax cookies', () => {
    const config = loadConfig({});
    expect(config).to.include({ port: 3000, publicUrl: 'http://localhost:3000', databaseUrl: undefined, registrationApproval: 'auto' });
    expect(config.cookies).to.deep.equal({ secure: false, sameSite: 'Lax' });
    expect(Object.isFrozen(config)).to.equal(true);
  });

  it('when PUBLIC_URL is https, then cookies are Secure and SameSite=None', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://mc.example.edu/' }).cookies).to.deep.equal({ secure: true, sameSite: 'None' });
    expect(loadConfig({ PUBLIC_URL: 'https://mc.example.edu/' }).publicUrl).to.equal('https://mc.example.edu');
  });

  it('when TRUST_PROXY is a number, then it counts proxies (safe with proxies that append to X-Forwarded-For)', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).to.equal(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).to.equal(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).to.equal(false);
    expect(loadConfig({}).trustProxy).to.equal(false);
    expect(problemsOf({ TRUST_PROXY: 'everyone' })).to.contain('TRUST_PROXY');
  });

  it('when a value is invalid, then the error names the variable', () => {
    expect(problemsOf({ PORT: 'eighty' })).to.contain('PORT');
    expect(problemsOf({ PUBLIC_URL: 'not a url' })).to.contain('PUBLIC_URL');
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).to.contain('DATABASE_URL');
    expect(problemsOf({ LOG_LEVEL: 'loud' })).to.contain('LOG_LEVEL');
    expect(problemsOf({ REGISTRATION_APPROVAL: 'sometimes' })).to.contain('REGISTRATION_APPROVAL');
  });

  it('when DATABASE_URL is set without an encryption key, then LTI_ENCRYPTION_KEY is required', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://u:p@db/mc' })).to.contain('LTI_ENCRYPTION_KEY');
    expect(problemsOf({ DATABASE_URL: 'postgres://u:p@db/mc', LTI_ENCRYPTION_KEY: 'short' })).to.contain('LTI_ENCRYPTION_KEY');
  });

  it('when cross-site cookies are forced over http, then it refuses', () => {
    expect(problemsOf({ COOKIE_POLICY: 'none' })).to.contain('COOKIE_POLICY');
  });
});
