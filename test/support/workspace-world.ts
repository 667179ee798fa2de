import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { createWorkspaceRepository } from '../../src/db/repositories/workspace-repository.js';
import type { Clock } from '../../src/shared/clock.js';
import {
  createWorkspace,
  type IssuedLink,
  type WorkspaceDeps,
} from '../../src/workspaces/workspace-use-cases.js';
import type { TestTool } from './test-tool.js';
import { sessionFor, type ToolSession } from './tool-session.js';

/** The workspace use cases on the test tool's database and configuration. */
export function workspaceDepsOf(
  tool: TestTool,
  clock: Clock = { now: () => new Date() },
): WorkspaceDeps {
  return {
    store: createWorkspaceRepository(tool.db),
    clock,
    publicUrl: tool.config.publicUrl,
    linkTtlSeconds: tool.config.workspaces.signInLinkTtlSeconds,
  };
}

let counter = 0;

/** A new workspace and its first admin's link (what `workspace create` prints). */
export function buildWorkspace(
  deps: WorkspaceDeps,
  overrides: { name?: string; adminName?: string; adminEmail?: string } = {},
): Promise<IssuedLink> {
  counter += 1;
  const tag = `${Date.now().toString(36)}-${counter}`;
  return createWorkspace(deps, {
    name: `Acme Learning ${tag}`,
    adminName: 'Ada Admin',
    adminEmail: `ada-${tag}@example.org`,
    ...overrides,
  });
}

export const pathOf = (url: string) => new URL(url).pathname;

/** Opens a sign-in link as a person would: the confirm page, then its button. */
export async function signInWith(tool: Express, url: string): Promise<ToolSession> {
  const confirm = await request(tool).get(pathOf(url));
  expect(confirm.status, confirm.text).to.equal(200);
  const used = await request(tool).post(pathOf(url)).type('form').send({});
  expect(used.status, used.text).to.equal(303);
  const landing = used.headers.location!;
  const token = new URL(landing, 'https://tool.test').searchParams.get('s')!;
  return sessionFor(tool, token, landing);
}

/** The tenant, course and user a session token carries. */
export const claimsOf = (session: ToolSession) =>
  JSON.parse(Buffer.from(session.token.split('.')[1]!, 'base64url').toString()) as {
    tenantId: string;
    courseId: string;
    userId: string;
    tenantAdmin: boolean;
    tenantKind?: string;
  };
