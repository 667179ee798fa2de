import { expect } from 'chai';
import { isAppError } from '../../../src/shared/errors.js';
import {
  hashSignInToken,
  newSignInToken,
  SIGN_IN_TOKEN,
  signInPath,
  workspaceHomePage,
} from '../../../src/workspaces/sign-in-token.js';
import { normalEmail, parseInput, personInput } from '../../../src/workspaces/workspace-input.js';

describe('workspace sign-in tokens and input', () => {
  it('when a token is minted, then it has the accepted shape, is new each time and only its hash is kept', () => {
    const [a, b] = [newSignInToken(), newSignInToken()];
    expect(a).to.match(SIGN_IN_TOKEN);
    expect(a).not.to.equal(b);
    expect(hashSignInToken(a))
      .to.match(/^[0-9a-f]{64}$/)
      .and.not.to.contain(a);
    expect(hashSignInToken(a)).to.equal(hashSignInToken(a));
  });

  it('when paths are built, then the home page keeps only the tool origin', () => {
    expect(workspaceHomePage('https://tool.example/base/', 'w1')).to.equal(
      'https://tool.example/workspaces/w1',
    );
    expect(signInPath('w1', 't')).to.equal('/workspaces/w1/sign-in/t');
  });

  it('when an address is given, then it is trimmed and lower-cased; a bad one names its field', () => {
    expect(normalEmail('  Ada@Example.ORG ')).to.equal('ada@example.org');
    expect(parseInput(personInput, { name: 'Sam', email: 'sam@example.org' })).to.include({
      role: 'staff',
    });
    try {
      parseInput(personInput, { name: '', email: 'nope', role: 'owner' });
      expect.fail('accepted');
    } catch (err) {
      expect(isAppError(err) && err.code).to.equal('WORKSPACE_INPUT_INVALID');
      expect(isAppError(err) && err.data.fields).to.have.members(['name', 'email', 'role']);
    }
  });
});
