import { randomBytes, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type express from 'express';
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { decodeHtml } from '../html.js';
import type { Flavour, LaunchSpec } from '../platform-claims.js';
import { fetchToolKeys } from './keys.js';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const MAX_AGE_SECONDS = 600;
const SKEW_SECONDS = 5;

/** @see https://www.imsglobal.org/spec/lti-dl/v2p0#content-item-types */
export interface ContentItem {
  type: string;
  title?: string;
  text?: string;
  url?: string;
  custom?: Record<string, string>;
  lineItem?: Record<string, unknown>;
  iframe?: Record<string, unknown>;
  window?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A deep-linking request the platform sent (one per LtiDeepLinkingRequest launch). */
export interface DeepLinkRequestRecord {
  id: string;
  returnUrl: string;
  contextId: string;
  deploymentId: string;
  userSub: string;
  /** The deep_linking_settings claim exactly as signed into the id_token. */
  settings: Record<string, unknown>;
}

/** One POST to the deep-linking return URL, with what the platform concluded. */
export interface DeepLinkResponseRecord {
  at: Date;
  request: DeepLinkRequestRecord | undefined;
  /** True when there are no problems. */
  ok: boolean;
  problems: string[];
  signatureValid: boolean;
  /** The JWT payload (decoded even when refused, to help a failing test explain itself). */
  claims: JWTPayload | undefined;
  contentItems: ContentItem[];
}

export interface DeepLinkHost {
  readonly flavour: Flavour;
  readonly url: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly features: { ags: boolean };
  readonly toolJwksUrl: string | undefined;
  readonly deepLinkRequests: DeepLinkRequestRecord[];
  readonly deepLinkResponses: DeepLinkResponseRecord[];
}

/** Moodle's real return URL shape (the request id rides in `sesskey`), and Canvas's. */
export function newDeepLinkRequest(host: DeepLinkHost, spec: LaunchSpec): DeepLinkRequestRecord {
  const id = randomBytes(8).toString('hex');
  const course = encodeURIComponent(spec.context.id);
  const returnUrl = host.flavour === 'moodle' ? `${host.url}/mod/lti/contentitem_return.php?course=${course}&id=1&sesskey=${id}` : `${host.url}/courses/${course}/deep_linking_response?modal=true&request=${id}`;
  return { id, returnUrl, contextId: spec.context.id, deploymentId: spec.deploymentId, userSub: spec.user.sub, settings: {} };
}

function decode(jwt: string): { claims: JWTPayload | undefined; problems: string[] } {
  try {
    const header = decodeProtectedHeader(jwt);
    const problems = [header.alg !== 'RS256' && `alg is ${header.alg}, not RS256`, !header.kid && 'no kid in the JWT header'].filter((p): p is string => !!p);
    return { claims: decodeJwt(jwt), problems };
  } catch (err) {
    return { claims: undefined, problems: [`not a JWT: ${(err as Error).message}`] };
  }
}

async function signatureProblem(host: DeepLinkHost, jwt: string): Promise<string | undefined> {
  try {
    await compactVerify(jwt, await fetchToolKeys(host.toolJwksUrl), { algorithms: ['RS256'] });
    return undefined;
  } catch (err) {
    return `signature: ${(err as Error).message}`;
  }
}

/** @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-response-message */
function messageProblems(host: DeepLinkHost, c: JWTPayload, request: DeepLinkRequestRecord): string[] {
  const now = Math.floor(Date.now() / 1000);
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  const sentData = request.settings.data;
  const replayed = typeof c.nonce === 'string' && host.deepLinkResponses.some((r) => r.signatureValid && r.claims?.nonce === c.nonce);
  return [
    c.iss !== host.clientId && `iss is ${String(c.iss)}, not the client_id ${host.clientId}`,
    !aud.includes(host.issuer) && `aud is ${JSON.stringify(c.aud)}, not the platform issuer ${host.issuer}`,
    (typeof c.nonce !== 'string' || !c.nonce) && 'no nonce',
    replayed && `nonce ${String(c.nonce)} was already used`,
    (typeof c.iat !== 'number' || c.iat > now + SKEW_SECONDS || c.iat < now - MAX_AGE_SECONDS) && `iat ${String(c.iat)} is not within the last ${MAX_AGE_SECONDS} s`,
    (typeof c.exp !== 'number' || c.exp <= now - SKEW_SECONDS) && `exp ${String(c.exp)} is not in the future`,
    c[`${LTI}message_type`] !== 'LtiDeepLinkingResponse' && `message_type is ${String(c[`${LTI}message_type`])}`,
    c[`${LTI}version`] !== '1.3.0' && `version is ${String(c[`${LTI}version`])}`,
    c[`${LTI}deployment_id`] !== request.deploymentId && `deployment_id is ${String(c[`${LTI}deployment_id`])}, not ${request.deploymentId}`,
    !isDeepStrictEqual(c[`${DL}data`], sentData) && `data is ${JSON.stringify(c[`${DL}data`])}, not ${JSON.stringify(sentData)} as sent`,
  ].filter((p): p is string => !!p);
}

function itemProblems(host: DeepLinkHost, items: unknown, settings: Record<string, unknown>): string[] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) return ['content_items is not an array'];
  const types = (settings.accept_types as string[] | undefined) ?? [];
  const targets = (settings.accept_presentation_document_targets as string[] | undefined) ?? [];
  const problems = items.length > 1 && settings.accept_multiple !== true ? [`${items.length} content items but accept_multiple is not true`] : [];
  (items as ContentItem[]).forEach((item, i) => {
    if (!types.includes(item?.type)) problems.push(`item ${i}: type ${String(item?.type)} not in accept_types ${types.join(',')}`);
    for (const target of ['iframe', 'window'] as const) if (item?.[target] && !targets.includes(target)) problems.push(`item ${i}: ${target} is not an accepted presentation target`);
    if (item?.lineItem && !host.features.ags) problems.push(`item ${i}: lineItem although the platform does not offer AGS`);
  });
  return problems;
}

async function judgeResponse(host: DeepLinkHost, jwt: string | undefined, requestId: string | undefined): Promise<DeepLinkResponseRecord> {
  const request = host.deepLinkRequests.find((r) => r.id === requestId);
  const record: DeepLinkResponseRecord = { at: new Date(), request, ok: false, problems: [], signatureValid: false, claims: undefined, contentItems: [] };
  if (!request) record.problems.push(`unknown deep-linking request ${String(requestId)}`);
  if (!jwt) record.problems.push('no JWT form field');
  if (!request || !jwt) return record;
  const { claims, problems } = decode(jwt);
  record.problems.push(...problems);
  if (!claims) return record;
  const badSignature = await signatureProblem(host, jwt);
  if (badSignature) record.problems.push(badSignature);
  record.problems.push(...messageProblems(host, claims, request), ...itemProblems(host, claims[`${DL}content_items`], request.settings));
  const items = claims[`${DL}content_items`];
  Object.assign(record, { claims, signatureValid: !badSignature, contentItems: Array.isArray(items) ? items : [], ok: !record.problems.length });
  return record;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Receives the tool's auto-posted form (field `JWT`), verifies it, records it, answers a small page. */
export function mountDeepLinkReturn(app: express.Express, host: DeepLinkHost): void {
  const handler = async (req: express.Request, res: express.Response) => {
    const requestId = (req.query.sesskey ?? req.query.request) as string | undefined;
    const record = await judgeResponse(host, (req.body as Record<string, string> | undefined)?.JWT, requestId);
    host.deepLinkResponses.push(record);
    const lines = record.ok ? record.contentItems.map((i) => i.title ?? i.type) : record.problems;
    res.status(record.ok ? 200 : 400).type('html').send(`<h1>${record.ok ? 'Content added' : 'Deep linking response refused'}</h1><ul>${lines.map((l) => `<li>${escape(l)}</li>`).join('')}</ul>`);
  };
  app.post('/mod/lti/contentitem_return.php', handler);
  app.post('/courses/:contextId/deep_linking_response', handler);
}

/** What a browser does with the tool's auto-submitting form: POST its `JWT` field to the form's action. */
export async function postDeepLinkForm(host: DeepLinkHost, toolHtml: string): Promise<{ status: number; html: string; response: DeepLinkResponseRecord }> {
  const action = /<form[^>]*\saction="([^"]*)"/i.exec(toolHtml)?.[1];
  const input = /<input[^>]*\sname="JWT"[^>]*>/i.exec(toolHtml)?.[0];
  const jwt = input && /\svalue="([^"]*)"/i.exec(input)?.[1];
  if (!action || !jwt) throw new Error(`The tool did not answer a deep-linking form: ${toolHtml.slice(0, 300)}`);
  const url = decodeHtml(action);
  if (!url.startsWith(`${host.url}/`)) throw new Error(`The tool's form posts to ${url}, not to this platform (${host.url})`);
  const before = host.deepLinkResponses.length;
  const answer = await fetch(url, { method: 'POST', body: new URLSearchParams({ JWT: decodeHtml(jwt) }) });
  return { status: answer.status, html: await answer.text(), response: host.deepLinkResponses[before]! };
}

let nextModuleId = 1000;

/** The launch of a placed item: a new resource link titled after the item, its custom parameters in the custom claim. */
export function launchSpecForItem(flavour: Flavour, item: ContentItem, spec: LaunchSpec): LaunchSpec {
  const custom = Object.fromEntries(Object.entries(item.custom ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const { deepLinking: _settings, ...rest } = spec;
  return {
    ...rest,
    messageType: 'LtiResourceLinkRequest',
    resourceLink: { id: flavour === 'moodle' ? String(nextModuleId++) : randomUUID(), title: item.title ?? 'Untitled' },
    targetLinkUri: item.url ?? spec.targetLinkUri,
    custom: { ...spec.custom, ...custom },
  };
}
