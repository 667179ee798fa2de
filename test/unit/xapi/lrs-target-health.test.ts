import { expect } from 'chai';
import { createTargetHealth } from '../../../src/xapi/lrs-target-health.js';

const T = 'settings-1';

function healthAt(start = Date.parse('2026-11-20T10:00:00Z'), random = () => 1) {
  const clock = { t: start, now: () => new Date(clock.t) };
  const health = createTargetHealth({ baseMs: 1000, probeMaxMs: 30_000, retryAfterMaxMs: 120_000, clock, random });
  /** Seconds from now until the next claim may probe the target. */
  const pauseSeconds = () => {
    for (let s = 0; s <= 200; s++) {
      const plan = health.plan();
      health.release(plan);
      if (plan.probes.has(T)) return s;
      clock.t += 1000;
    }
    throw new Error('never probed');
  };
  return { clock, health, pauseSeconds };
}

describe('the pause of a failing LRS', () => {
  it('when probes keep failing, then the pause doubles from the base and stops at the probe cap', () => {
    const { health, pauseSeconds } = healthAt();
    const pauses = Array.from({ length: 8 }, () => {
      health.failed(T);
      return pauseSeconds();
    });
    expect(pauses).to.deep.equal([1, 2, 4, 8, 16, 30, 30, 30]);
  });

  it('when the jitter draws its lowest, then a pause is half the backoff, never less', () => {
    const { health, pauseSeconds } = healthAt(Date.parse('2026-11-20T10:00:00Z'), () => 0);
    const pauses = Array.from({ length: 7 }, () => {
      health.failed(T);
      return pauseSeconds();
    });
    expect(pauses).to.deep.equal([1, 1, 2, 4, 8, 15, 15]);
  });

  it('when the LRS sends Retry-After in seconds or as a date, then the pause is that long, cut to the maximum', () => {
    const { clock, health, pauseSeconds } = healthAt();
    health.failed(T, '45');
    expect(pauseSeconds()).to.equal(45);
    health.failed(T, new Date(clock.t + 90_000).toUTCString());
    expect(pauseSeconds()).to.equal(90);
    health.failed(T, '86400');
    expect(pauseSeconds()).to.equal(120);
    health.failed(T, 'soon, maybe');
    expect(pauseSeconds()).to.be.at.most(30);
  });

  it('when a probe is in flight, then other claims leave the target out until it is released', async () => {
    const { clock, health } = healthAt();
    health.failed(T);
    clock.t += 1000;
    const probe = health.plan();
    expect([...probe.probes]).to.deep.equal([T]);
    expect(health.plan().skip).to.deep.equal([T]);
    const settled = health.settled();
    health.succeeded(T);
    health.release(probe);
    await settled;
    expect(health.plan()).to.deep.equal({ skip: [], probes: new Set() });
    expect(health.isPaused(T)).to.equal(false);
  });

  it('when two batches in flight fail together, then the pause doubles once, and a reset ends it', () => {
    const { health, pauseSeconds } = healthAt();
    health.failed(T);
    health.failed(T);
    expect(pauseSeconds()).to.equal(1);
    health.failed(T);
    health.reset();
    expect(health.plan().skip).to.deep.equal([]);
  });
});
