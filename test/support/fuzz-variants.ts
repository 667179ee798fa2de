import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import { tamperedToken } from './attack-world.js';

/** A POST route as the express router stack declares it. */
export interface PostRoute {
  path: string;
  params: string[];
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
}

/** Every route of the app for `method`, read from its router stack, so a new route is fuzzed without listing it. */
export function routesOf(app: Express, method: 'get' | 'post'): PostRoute[] {
  const routes: PostRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route?.methods[method]) {
        const path = `${prefix}${layer.route.path}`;
        routes.push({ path, params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!) });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, `${prefix}${typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes;
}

export interface Auth {
  s: string;
  _csrf: string;
}

/** One malformed request: a form, a JSON body or a raw body, with optional headers and query. */
export interface Variant {
  name: string;
  path: string;
  form?: Record<string, unknown>;
  json?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/** As a browser sends a form: repeated keys for arrays, everything else as text. */
export function encodeForm(form: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(form)) for (const one of [form[key]].flat()) params.append(key, String(one));
  return params.toString();
}

/** Field names the tool's forms use, so malformed values reach the validators. */
const FIELDS = [
  'title', 'name', 'body', 'text', 'answer', 'date', 'time', 'durationMinutes', 'role', 'decision', 'items', 'proposalId', 'baseVersion',
  'ownerParticipantId', 'dueOn', 'division', 'rating', 'comment', 'targetCourseId', 'participantId', 'circleId', 'mode', 'notes', 'agenda',
  'measure', 'status', 'startsOn', 'endsOn', 'promptId', 'ranks', 'mentorId', 'endpoint', 'username', 'password',
];
const each = (value: unknown) => Object.fromEntries(FIELDS.map((f) => [f, value]));

/** Ids no route may take: not UUIDs, NUL, huge, names every JS object has, the nil UUID. */
export const CRAFTED_IDS = ['not-a-uuid', '%00', 'a'.repeat(4000), '__proto__', '00000000-0000-0000-0000-000000000000'];

export function pathWith(route: PostRoute, ids: (param: string) => string): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(ids(name)).replace('%2500', '%00'));
}

/** The bounded set of malformed requests for one route, sent with `auth` (a valid session) unless the variant is about auth. */
export function variantsFor(route: PostRoute, path: string, auth: Auth, foreign: Auth): Variant[] {
  const q = `?s=${encodeURIComponent(auth.s)}`;
  const variants: Variant[] = [
    { name: 'no session, no token', path, form: {} },
    { name: 'made-up session', path, form: { s: 'not.a.token', _csrf: auth._csrf } },
    { name: 'tampered session', path, form: { s: tamperedToken(auth.s, { courseId: randomUUID() }), _csrf: auth._csrf } },
    { name: 'bearer garbage', path, form: {}, headers: { Authorization: 'Bearer ü.ü.ü' } },
    { name: 'another session\'s token', path, form: { s: auth.s, _csrf: foreign._csrf } },
    { name: 'multibyte _csrf of the right length', path, form: { s: auth.s, _csrf: 'é'.repeat(auth._csrf.length) } },
    { name: '_csrf as an array', path, form: { s: auth.s, _csrf: [auth._csrf, auth._csrf] } },
    { name: 'only the auth fields', path, form: { ...auth } },
    { name: 'objects for every field', path: path + q, json: { ...auth, ...each({ nested: [1, { a: null }] }) } },
    { name: 'huge numbers for every field', path: path + q, json: { ...auth, ...each(Number.MAX_SAFE_INTEGER * 1024) } },
    { name: 'arrays for every field', path, form: { ...auth, ...each(['a', 'b']) } },
    { name: 'a 200 kB title', path, form: { ...auth, title: 'x'.repeat(200_000), name: 'y'.repeat(200_000 / 4) } },
    { name: 'a 1 MB body', path, form: { ...auth, text: 'z'.repeat(1_000_000) } },
    { name: 'prototype keys', path, form: { ...auth, ['__proto__']: 'x', constructor: 'x', hasOwnProperty: 'x', toString: 'x' } },
    { name: 'prototype keys in JSON', path: path + q, raw: `{"s":${JSON.stringify(auth.s)},"_csrf":"${auth._csrf}","__proto__":{"courseRole":"staff"},"constructor":{"prototype":{"x":1}}}`, headers: { 'content-type': 'application/json' } },
    { name: 'NUL in every field', path, form: { ...auth, ...each('a\u0000b') } },
    { name: 'only NUL in every field', path, form: { ...auth, ...each('\u0000') } },
    { name: 'lone surrogates in JSON', path: path + q, json: { ...auth, ...each('\ud800x\udfff'), '\udc00': 'key' } },
    { name: 'invalid UTF-8 in a form', path, raw: `s=${encodeURIComponent(auth.s)}&_csrf=${auth._csrf}&title=%ED%A0%80&body=%FF%FE`, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    { name: 'broken percent-encoding', path, raw: `s=${encodeURIComponent(auth.s)}&_csrf=${auth._csrf}&title=%E0%A4%A&date=%`, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    { name: 'broken JSON', path: path + q, raw: '{"s":', headers: { 'content-type': 'application/json' } },
    { name: 'a UTF-16 charset', path: path + q, raw: '{"s":1}', headers: { 'content-type': 'application/json; charset=utf-16' } },
    { name: 'an unknown content encoding', path: path + q, raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'compress' } },
    { name: 'a gzip body that is not gzip', path: path + q, raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' } },
    { name: '2,000 parameters', path, raw: `${encodeForm({ ...auth })}&${Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join('&')}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    { name: 'impossible dates and times', path, form: { ...auth, date: '2027-02-30', time: '25:61', dueOn: '-1', startsOn: '9999999-01-01', durationMinutes: '1e309', rating: 'NaN' } },
  ];
  return variants;
}

export function paramVariants(route: PostRoute, auth: Auth, ids: (param: string) => string): Variant[] {
  if (!route.params.length) return [];
  return route.params.flatMap((param) => CRAFTED_IDS.map((bad) => ({
    name: `${param} = ${bad.slice(0, 20)}`, path: pathWith(route, (p) => (p === param ? bad : ids(p))), form: { ...auth },
  })));
}

/** Request bookkeeping that changes on any request (session renewal, rate-limit counters). */
const BOOKKEEPING = /session|rate_limit|kysely_migration/;

/** Row count and an order-free hash of every row of every table of ours: one round trip. */
export async function databaseChecksum(db: Db): Promise<Record<string, string>> {
  const tables = (await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db)).rows.map((r) => r.name).filter((t) => !BOOKKEEPING.test(t));
  const parts = tables.map((t) => sql`select ${t}::text as t, count(*)::text || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)::text as h from ${sql.table(t)} x`);
  const rows = (await sql<{ t: string; h: string }>`${sql.join(parts, sql` union all `)}`.execute(db)).rows;
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

/** The tables of ours with a row whose text contains `needle` (a stringified object, say). */
export async function tablesContaining(db: Db, needle: string): Promise<string[]> {
  const tables = (await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)).rows.map((r) => r.name);
  const found: string[] = [];
  for (const t of tables) {
    const hit = await sql`select 1 from ${sql.table(t)} x where strpos(x::text, ${needle}) > 0 limit 1`.execute(db);
    if (hit.rows.length) found.push(t);
  }
  return found;
}
