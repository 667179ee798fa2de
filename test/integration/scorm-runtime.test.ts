import { expect } from 'chai';
import type { Browser, Frame, Page } from 'playwright-core';
import { MentoringJourney } from '../support/scorm-journey.js';
import type { ScormCommit } from '../support/scorm-lms.js';
import { ScormWorld } from '../support/scorm-world.js';
import { sessionFor } from '../support/tool-session.js';

type Version = 'scorm12' | 'scorm2004';

/** The elements each version's status lives in, and the session time format (RTE data model). */
const EXPECT: Record<
  Version,
  {
    status: string;
    done: Record<string, string>;
    init: string;
    finish: string;
    /** What the launcher sets, and what the runtime commits (scorm-again normalizes 1.2 times). */
    setTime: RegExp;
    sessionTime: RegExp;
  }
> = {
  scorm12: {
    status: 'cmi.core.lesson_status',
    done: {
      'cmi.core.lesson_status': 'passed',
      'cmi.core.score.raw': '100',
      'cmi.core.score.min': '0',
      'cmi.core.score.max': '100',
    },
    setTime: /^\d{4}:\d{2}:\d{2}\.\d{2}$/,
    sessionTime: /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/,
    init: 'LMSInitialize',
    finish: 'LMSFinish',
  },
  scorm2004: {
    status: 'cmi.completion_status',
    done: {
      'cmi.completion_status': 'completed',
      'cmi.success_status': 'passed',
      'cmi.score.scaled': '1',
      'cmi.progress_measure': '1',
    },
    setTime: /^PT\d+H\d+M\d+\.\d{2}S$/,
    sessionTime: /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/,
    init: 'Initialize',
    finish: 'Terminate',
  },
};

/**
 * The whole way, in a real SCORM runtime (scorm-again on the LMS's host page) and headless
 * Chromium: launch, profile, match, the completion rule met; what the LMS got committed.
 */
describe('SCORM packages report the program to the LMS', function () {
  this.timeout(300_000);
  let world: ScormWorld;
  let browser: Browser;
  before(async () => {
    world = await ScormWorld.start();
    browser = await world.browser();
  });
  after(async () => {
    await browser?.close();
    await world?.close();
  });

  async function programFrame(page: Page, programId: string): Promise<Frame> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const frame = page
        .frames()
        .find((f) => f.url().startsWith(`${world.toolUrl}/programs/${programId}`));
      if (frame) return frame;
      if (Date.now() > deadline)
        throw new Error(
          `the program never opened: ${page
            .frames()
            .map((f) => f.url())
            .join(', ')}`,
        );
      await page.waitForTimeout(250);
    }
  }

  async function commitMatching(
    attempt: string,
    wanted: (data: Record<string, unknown>) => boolean,
    final = false,
  ): Promise<ScormCommit> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = (world.lms.commits.get(attempt) ?? []).find(
        (c) => wanted(c.data) && (!final || c.final),
      );
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `no such commit; got ${JSON.stringify(world.lms.commits.get(attempt)?.at(-1)?.data)}`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  for (const version of ['scorm12', 'scorm2004'] as const) {
    const x = EXPECT[version];
    it(`when a ${version} learner is matched and meets the completion rule, then scorm-again commits completion, score and session time, and ${x.finish} comes once`, async () => {
      const course = await world.staffCourse('completion');
      const pkg = await world.createPackage(course, {
        kind: version,
        allowedOrigins: world.lms.origin,
      });
      world.lms.addPackage(version, pkg.zip);
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      await page.goto(
        world.lms.hostUrl(
          version,
          version,
          { id: `${version}-learner`, name: 'Hopper, Grace' },
          version,
        ),
      );
      const program = await programFrame(page, course.programId);
      await commitMatching(version, (d) => d[x.status] === 'incomplete');
      const token = new URL(program.url()).searchParams.get('s')!;
      const journey = new MentoringJourney(
        world,
        course,
        sessionFor(world.tool.app.express, token),
      );
      const reload = async () =>
        (await programFrame(page, course.programId)).evaluate(() => window.location.reload());

      await journey.getMatched();
      await journey.agreeContract();
      await reload();
      if (version === 'scorm2004')
        await commitMatching(version, (d) => d['cmi.progress_measure'] === '0.25');
      await journey.attendMeeting();
      await journey.completeMilestone();
      await journey.answerSurvey();
      await reload();
      const done = await commitMatching(version, (d) =>
        Object.entries(x.done).every(([k, v]) => String(d[k]) === v),
      );
      const sessionTime = version === 'scorm12' ? 'cmi.core.session_time' : 'cmi.session_time';
      const sets = await page.evaluate(
        () => (window as unknown as { sets: Array<[string, string]> }).sets,
      );
      const times = sets.filter(([k]) => k === sessionTime).map(([, v]) => v);
      expect(times, 'session time set before commits').to.not.be.empty;
      for (const t of times) expect(t).to.match(x.setTime);
      expect(String(done.data[sessionTime])).to.match(x.sessionTime);
      expect(/[1-9]/.test(String(done.data[sessionTime])), 'some time passed').to.equal(true);

      await page.evaluate(() => document.getElementById('sco')!.remove());
      await page.waitForFunction(
        (name) => (window as unknown as { calls: Record<string, number> }).calls[name] === 1,
        x.finish,
        { timeout: 30_000 },
      );
      const final = await commitMatching(
        version,
        (d) => Object.entries(x.done).every(([k, v]) => String(d[k]) === v),
        true,
      );
      expect(final.data[x.status], 'the terminate commit keeps the status').to.equal(
        x.done[x.status],
      );
      const calls = await page.evaluate(
        () => (window as unknown as { calls: Record<string, number> }).calls,
      );
      expect(calls[x.init], 'initialized once').to.equal(1);
      expect(calls[x.finish], 'finished once').to.equal(1);
      expect(
        world.lms.commits.get(version)!.filter((c) => c.final),
        'one terminate commit',
      ).to.have.length(1);
      await page.close();
    });
  }
});
