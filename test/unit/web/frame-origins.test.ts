import { expect } from 'chai';
import { createFrameOrigins } from '../../../src/web/middleware/frame-origins.js';

/** A clock the test moves by hand. */
const manualClock = () => {
  let now = Date.UTC(2027, 0, 11, 9);
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
};

describe('origins allowed to frame the tool', () => {
  it('when platforms are registered, then their http(s) origins are listed once each, other schemes never', async () => {
    const urls = ['https://moodle.example.edu', 'https://moodle.example.edu/mod/lti/auth.php', 'http://lms.test:8080/x', 'javascript:alert(1)', 'not a url'];
    const origins = createFrameOrigins(async () => urls, manualClock());
    expect(await origins.current()).to.deep.equal(['http://lms.test:8080', 'https://moodle.example.edu']);
  });

  it('when five seconds have passed or a registration invalidated it, then the list is read again, not before', async () => {
    const clock = manualClock();
    let reads = 0;
    const origins = createFrameOrigins(async () => [`https://lms${++reads}.example`], clock);
    expect(await origins.current()).to.deep.equal(['https://lms1.example']);
    clock.advance(4_900);
    expect(await origins.current()).to.deep.equal(['https://lms1.example']);
    clock.advance(200);
    expect(await origins.current()).to.deep.equal(['https://lms2.example']);
    origins.invalidate();
    expect(await origins.current()).to.deep.equal(['https://lms3.example']);
  });

  it('when the database cannot be read, then the last list is kept and read again a few seconds later', async () => {
    const clock = manualClock();
    let list: string[] | null = ['https://moodle.example.edu'];
    const origins = createFrameOrigins(async () => {
      if (!list) throw new Error('Connection terminated unexpectedly');
      return list;
    }, clock);
    await origins.current();
    list = null;
    clock.advance(61_000);
    expect(await origins.current()).to.deep.equal(['https://moodle.example.edu']);
    list = ['https://canvas.example.edu'];
    clock.advance(1_000);
    expect(await origins.current(), 'not yet read again').to.deep.equal(['https://moodle.example.edu']);
    clock.advance(5_000);
    expect(await origins.current()).to.deep.equal(['https://canvas.example.edu']);
  });
});
