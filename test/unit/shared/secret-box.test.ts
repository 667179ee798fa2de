import { expect } from 'chai';
import { createSecretBox } from '../../../src/shared/secret-box.js';

describe('secret box (AES-256-GCM, HKDF-derived key)', () => {
  const box = createSecretBox('an-encryption-key-of-at-least-32-characters', 'lrs-secret-v1');

  it('when a secret is sealed, then it opens to the same text and the sealed form hides it', () => {
    const sealed = box.seal('lrs-secret');
    expect(sealed).not.to.contain('lrs-secret');
    expect(box.open(sealed)).to.equal('lrs-secret');
    expect(box.seal('lrs-secret')).not.to.equal(sealed);
  });

  it('when the sealed text is altered, or opened with another key or purpose, then opening fails', () => {
    const sealed = box.seal('lrs-secret');
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = `${v}.${iv}.${tag}.${body!.slice(0, -2)}${body!.endsWith('A') ? 'B' : 'A'}${body!.slice(-1)}`;
    expect(() => box.open(flipped)).to.throw();
    expect(() => createSecretBox('another-encryption-key-of-32-characters!', 'lrs-secret-v1').open(sealed)).to.throw();
    expect(() => createSecretBox('an-encryption-key-of-at-least-32-characters', 'other-purpose').open(sealed)).to.throw();
  });
});
