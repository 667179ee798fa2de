import { expect } from 'chai';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Frame, Page } from 'playwright-core';
import request from 'supertest';
import { launchSignature, type ScormLaunchRequest } from '../../src/delivery/scorm/scorm-launch.js';
import { ScormWorld, type StaffCourse } from '../support/scorm-world.js';

/**
 * A SCORM package launched in a real SCORM runtime (scorm-again on a host page, which frames the
 * launcher from the unzipped package, which frames the tool) in headless Chromium, and every way
 * a launch is refused, each with its page.
 */
describe('SCORM package launch and its refusals', function () {
  this.timeout(180_000);
  let world: ScormWorld;
  let browser: Browser;
  let course: StaffCourse;
  before(async () => {
    world = await ScormWorld.start();
    browser = await world.browser();
    course = await world.staffCourse();
  });
  after(async () => {
    await browser?.close();
    await world?.close();
  });

  let attempt = 0;
  /** Opens a package in the LMS player; returns the page and the launch request the launcher posted. */
  async function play(key: string, learner = { id: 'emp-1001', name: 'Lovelace, Ada' }) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const posted = new Promise<Record<string, string>>((resolve) =>
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().includes('/scorm/launch'))
          resolve(Object.fromEntries(new URLSearchParams(r.postData() ?? '')));
      }),
    );
    attempt += 1;
    await page.goto(
      world.lms.hostUrl(
        key,
        key.startsWith('s2004') ? 'scorm2004' : 'scorm12',
        learner,
        `a${attempt}`,
      ),
    );
    return { page, posted };
  }

  async function toolFrame(page: Page, pathPart: string): Promise<Frame> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const frame = page
        .frames()
        .find((f) => f.url().startsWith(world.toolUrl) && f.url().includes(pathPart));
      if (frame) return frame;
      if (Date.now() > deadline)
        throw new Error(
          `no tool frame ${pathPart}: ${page
            .frames()
            .map((f) => f.url())
            .join(', ')}`,
        );
      await page.waitForTimeout(200);
    }
  }

  /** The text of the tool's answer to the launch (a refusal page renders there). */
  async function launchAnswer(page: Page, packageId: string): Promise<string> {
    const frame = await toolFrame(page, `/packages/${packageId}/scorm/launch`);
    await frame.waitForSelector('h1', { timeout: 60_000 });
    return frame.innerText('body');
  }

  const packageNamed = async (key: string, fields: Record<string, string>) => {
    const pkg = await world.createPackage(course, fields);
    world.lms.addPackage(key, pkg.zip);
    return pkg;
  };
  const launchCount = async (packageId: string) =>
    Number(
      (
        await world.tool.db
          .selectFrom('package_launches')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('package_id', '=', packageId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const post = (packageId: string, body: Record<string, string>) =>
    request(world.tool.app.express)
      .post(`/packages/${packageId}/scorm/launch`)
      .set('Origin', world.lms.origin)
      .type('form')
      .send(body);

  it('when a learner opens a SCORM 1.2 package, then the tool opens on the program in the frame and the attempt is incomplete', async () => {
    const pkg = await packageNamed('s12-ok', { kind: 'scorm12', allowedOrigins: world.lms.origin });
    const { page } = await play('s12-ok');
    const program = await toolFrame(page, `/programs/${course.programId}`);
    await program.waitForSelector('h1', { timeout: 60_000 });
    const user = await world.tool.db
      .selectFrom('users')
      .select(['name', 'given_name', 'family_name'])
      .where('subject', '=', `package:${pkg.id}:emp-1001`)
      .executeTakeFirstOrThrow();
    expect(user).to.include({ name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace' });
    const participant = await world.tool.db
      .selectFrom('participants as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.program_role', 'p.program_id'])
      .where('u.subject', '=', `package:${pkg.id}:emp-1001`)
      .executeTakeFirstOrThrow();
    expect(participant).to.include({ program_role: 'mentee', program_id: course.programId });
    await page.close();
  });

  it('when the same learner id comes through two packages, then they are two people', async () => {
    const a = await packageNamed('s12-a', { kind: 'scorm12' });
    const b = await packageNamed('s12-b', { kind: 'scorm12' });
    for (const key of ['s12-a', 's12-b']) {
      const { page } = await play(key, { id: 'same-id', name: 'Twin, Tom' });
      await toolFrame(page, `/programs/${course.programId}`);
      await page.close();
    }
    const users = await world.tool.db
      .selectFrom('users')
      .select('id')
      .where('subject', 'in', [`package:${a.id}:same-id`, `package:${b.id}:same-id`])
      .execute();
    expect(users).to.have.length(2);
  });

  it('when the LMS blocks the tool in a frame, then the launcher offers a new window, which launches and reports to the LMS', async () => {
    const participation = await world.staffCourse('participation');
    const pkg = await world.createPackage(participation, { kind: 'scorm12' });
    world.lms.addPackage('s12-window', pkg.zip, { blockFrames: true });
    const { page } = await play('s12-window');
    const button = page.frameLocator('#sco').locator('#mc-open-window');
    await button.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await page.frameLocator('#sco').locator('#mc-message').innerText()).to.contain(
      'not appear below',
    );
    const [popup] = await Promise.all([page.waitForEvent('popup'), button.click()]);
    await popup.waitForURL(/\/scorm\/launch$/, { timeout: 60_000 });
    await toolFrame(popup, `/programs/${participation.programId}`);
    const deadline = Date.now() + 60_000;
    const scored = () =>
      (world.lms.commits.get(`a${attempt}`) ?? []).some(
        (c) => c.data['cmi.core.score.raw'] === '0',
      );
    while (!scored() && Date.now() < deadline) await page.waitForTimeout(250);
    expect(scored(), "the window's progress reached the LMS through the launcher").to.equal(true);
    expect(await page.frameLocator('#sco').locator('#mc-message').innerText()).to.contain(
      'open in another window',
    );
    await popup.close();
    await page.close();
  });

  it('when the launcher finds no LMS API, then it says so and launches nothing', async () => {
    const pkg = await packageNamed('s12-noapi', { kind: 'scorm12' });
    const page = await browser.newPage();
    await page.goto(world.lms.launcherUrl('s12-noapi'));
    await page.waitForFunction(() =>
      document.body.innerText.includes('has to be opened from your LMS'),
    );
    expect(await page.innerText('body')).to.contain('(API) was not found');
    expect(await launchCount(pkg.id)).to.equal(0);
    await page.close();
  });

  it('when a launch request is replayed, altered or too old, then each is refused with its page and nothing is recorded', async () => {
    const pkg = await packageNamed('s2004-replay', { kind: 'scorm2004' });
    const { page, posted } = await play('s2004-replay');
    await toolFrame(page, `/programs/${course.programId}`);
    const body = await posted;
    await page.close();
    const before = await launchCount(pkg.id);
    const replayed = await post(pkg.id, body);
    expect(replayed.status).to.equal(409);
    expect(replayed.text).to.contain('already used');
    const altered = await post(pkg.id, { ...body, n: 'Admin, Root' });
    expect(altered.status).to.equal(401);
    expect(altered.text).to.contain('altered');
    const secret = /"secret": "([^"]+)"/.exec(
      strFromU8(unzipSync(pkg.zip)['launcher/package-config.js']!),
    )![1]!;
    const old = {
      ...(body as unknown as ScormLaunchRequest),
      t: String(Math.floor(Date.now() / 1000) - 3600),
      x: 'f'.repeat(32),
    };
    const stale = await post(pkg.id, { ...old, sig: launchSignature(secret, old) });
    expect(stale.status).to.equal(401);
    expect(stale.text).to.contain('too old');
    const garbled = await post(pkg.id, { ...body, x: 'not-a-nonce' });
    expect(garbled.status).to.equal(400);
    const get = await request(world.tool.app.express).get(`/packages/${pkg.id}/scorm/launch`);
    expect(get.status).to.equal(409);
    expect(await launchCount(pkg.id)).to.equal(before);
  });

  it('when staff disable a package, then its learners see a clear page in the LMS, and after enabling it opens again', async () => {
    const pkg = await packageNamed('s12-off', {
      kind: 'scorm12',
      allowedOrigins: world.lms.origin,
    });
    const disabled = await course.staff.post(
      `${course.packagesPage}/${pkg.id}/disable`,
      {},
      course.packagesPage,
    );
    expect(disabled.status).to.equal(303);
    const off = await play('s12-off');
    expect(await launchAnswer(off.page, pkg.id)).to.contain('switched off by the program staff');
    await off.page.close();
    expect(await launchCount(pkg.id)).to.equal(0);
    await course.staff.post(`${course.packagesPage}/${pkg.id}/enable`, {}, course.packagesPage);
    const on = await play('s12-off');
    await toolFrame(on.page, `/programs/${course.programId}`);
    await on.page.close();
    expect(await launchCount(pkg.id)).to.equal(1);
  });

  it("when the LMS is not on the package's list of origins, then the launch is refused with its page", async () => {
    const pkg = await packageNamed('s12-elsewhere', {
      kind: 'scorm12',
      allowedOrigins: 'https://other-lms.example.org',
    });
    const { page } = await play('s12-elsewhere');
    expect(await launchAnswer(page, pkg.id)).to.contain(
      'only be opened from the LMS it was made for',
    );
    await page.close();
    expect(await launchCount(pkg.id)).to.equal(0);
  });

  it('when a package is deleted or has expired, then its launches are refused with their pages', async () => {
    const gone = await packageNamed('s12-gone', { kind: 'scorm12' });
    await course.staff.post(`${course.packagesPage}/${gone.id}/delete`, {}, course.packagesPage);
    const a = await play('s12-gone');
    expect(await launchAnswer(a.page, gone.id)).to.contain('not known to Mentoring Circles');
    await a.page.close();
    const old = await packageNamed('s12-old', { kind: 'scorm12' });
    await world.tool.db
      .updateTable('delivery_packages')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', old.id)
      .execute();
    const b = await play('s12-old');
    expect(await launchAnswer(b.page, old.id)).to.contain('has expired');
    await b.page.close();
  });
});
