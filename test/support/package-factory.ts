import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { strFromU8, unzipSync } from 'fflate';
import request from 'supertest';
import { launchSignature } from '../../src/delivery/scorm/scorm-launch.js';
import { decodeHtml } from './html.js';
import { sessionFor, type ToolSession } from './tool-session.js';

/** Downloads a package's zip with a staff session. */
export async function downloadZip(
  tool: Express,
  staff: ToolSession,
  url: string,
): Promise<Uint8Array> {
  const res = await request(tool)
    .get(url)
    .query({ s: staff.token })
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  if (res.status !== 200)
    throw new Error(`download failed: ${res.status} ${String(res.text).slice(0, 200)}`);
  return new Uint8Array(res.body as Buffer);
}

/** What the launcher in a zip knows: its config (package id, kind, launch URL, secret). */
export function launcherConfigOf(zip: Uint8Array): {
  packageId: string;
  kind: string;
  secret: string;
  launchUrl: string;
} {
  const text = strFromU8(unzipSync(zip)['launcher/package-config.js']!);
  return JSON.parse(text.replace(/^window\.MC_PACKAGE = /, '').replace(/;\s*$/, ''));
}

/** A launch request signed as the zip's launcher signs it (now, fresh nonce). */
export function signedLaunch(
  zip: Uint8Array,
  learner: { id: string; name: string },
  origin: string,
): Record<string, string> {
  const c = launcherConfigOf(zip);
  const fields = {
    p: c.packageId,
    k: c.kind,
    l: learner.id,
    n: learner.name,
    t: String(Math.floor(Date.now() / 1000)),
    x: randomBytes(16).toString('hex'),
    o: origin,
  };
  return { ...fields, sig: launchSignature(c.secret, fields) };
}

/** Launches a package as its launcher would (without a browser); the learner's tool session. */
export async function launchPackage(
  tool: Express,
  zip: Uint8Array,
  learner: { id: string; name: string },
  origin: string,
): Promise<ToolSession> {
  const body = signedLaunch(zip, learner, origin);
  const res = await request(tool)
    .post(`/packages/${body.p}/scorm/launch`)
    .set('Origin', origin)
    .type('form')
    .send(body);
  if (res.status !== 200)
    throw new Error(`package launch refused: ${res.status} ${res.text.slice(0, 300)}`);
  const src = decodeHtml(/id="mc-program"[^>]*src="([^"]+)"/.exec(res.text)![1]!);
  const token = new URL(src, 'https://tool.test').searchParams.get('s')!;
  return sessionFor(tool, token, src);
}
