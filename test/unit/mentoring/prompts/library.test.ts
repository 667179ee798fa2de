import { expect } from 'chai';
import { PROGRAM_TYPES } from '../../../../src/mentoring/programs/program-options.js';
import { LIBRARY, presetTrack, TRACK_PRESETS } from '../../../../src/mentoring/prompts/library/index.js';
import { PROMPT_AUDIENCES, PROMPT_CATEGORIES } from '../../../../src/mentoring/prompts/prompt-options.js';

describe('the shipped prompt library', () => {
  it('when counted, then it holds at least 60 prompts with unique keys and titles', () => {
    expect(LIBRARY.length).to.be.at.least(60);
    expect(new Set(LIBRARY.map((p) => p.key)).size).to.equal(LIBRARY.length);
    expect(new Set(LIBRARY.map((p) => p.title)).size).to.equal(LIBRARY.length);
  });

  it('when grouped by category, then every category the issue names has at least six prompts', () => {
    for (const category of Object.keys(PROMPT_CATEGORIES)) {
      expect(LIBRARY.filter((p) => p.category === category).length, category).to.be.at.least(6);
    }
  });

  it('when each prompt is checked, then it is short, takes 2–10 minutes and names a known audience and program types', () => {
    for (const p of LIBRARY) {
      expect(p.minutes, p.key).to.be.within(2, 10);
      expect(p.title.length, p.key).to.be.within(5, 60);
      expect(p.body.length, p.key).to.be.within(60, 320);
      expect(p.followUp === null || (p.followUp.endsWith('?') && p.followUp.length < 120), p.key).to.equal(true);
      expect(Object.keys(PROMPT_AUDIENCES), p.key).to.include(p.audience);
      expect(p.programTypes.length, p.key).to.be.greaterThan(0);
      for (const t of p.programTypes) expect(Object.keys(PROGRAM_TYPES), p.key).to.include(t);
    }
  });

  it('when every audience is looked for, then mentors, mentees and whole circles each get prompts', () => {
    for (const audience of Object.keys(PROMPT_AUDIENCES)) expect(LIBRARY.some((p) => p.audience === audience), audience).to.equal(true);
  });

  it('when the presets are read, then each names only library prompts and starts with getting started and ends with close-out', () => {
    for (const [name, keys] of Object.entries(TRACK_PRESETS)) {
      const prompts = keys.map((k) => LIBRARY.find((p) => p.key === k));
      expect(prompts.every(Boolean), name).to.equal(true);
      expect(prompts[0]!.category, name).to.equal('getting_started');
      expect(prompts.at(-1)!.category, name).to.equal('close_out');
    }
  });

  it('when a preset is fitted to a short calendar, then it keeps the opening and closing prompts and thins the middle evenly', () => {
    const full = presetTrack('foundations', ['one_on_one'], 100);
    const six = presetTrack('foundations', ['one_on_one'], 6);
    expect(six).to.have.length(6);
    expect(six.slice(0, 2)).to.deep.equal(full.slice(0, 2));
    expect(six.slice(-2)).to.deep.equal(full.slice(-2));
    expect(new Set(six).size).to.equal(6);
  });

  it('when a program is peer only, then its preset leaves out prompts that need a mentor', () => {
    const keys = presetTrack('perspectives', ['peer'], 100);
    const prompts = keys.map((k) => LIBRARY.find((p) => p.key === k)!);
    expect(prompts.every((p) => p.programTypes.includes('peer'))).to.equal(true);
    expect(keys).not.to.include('pp-digital-habit');
  });

  it('when the program track is unknown (older data), then the foundations preset is used', () => {
    expect(presetTrack('monthly_reflection', ['one_on_one'], 100)).to.deep.equal(presetTrack('foundations', ['one_on_one'], 100));
  });
});
