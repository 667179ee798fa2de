import type { Request, Response } from 'express';
import { z } from 'zod';
import { urlFor } from '../routes/route-helpers.js';

/** Rows per page of the long staff lists (participants, circles, what is due). */
export const PAGE_SIZE = 50;

export interface PageRequest {
  /** 1-based page asked for; out-of-range pages show the last one. */
  page: number;
  q: string;
  offset: number;
  limit: number;
}

const pageSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  q: z.string().trim().max(100).catch('').default(''),
});

/** `?page=&q=` of a list, read leniently: anything odd means the first page, no search. */
export function pageRequest(req: Request, size = PAGE_SIZE): PageRequest {
  const { page, q } = pageSchema.parse({
    page: req.query.page,
    q: typeof req.query.q === 'string' ? req.query.q : undefined,
  });
  return { page, q, offset: (page - 1) * size, limit: size };
}

/** The page to show once the total is known (a page past the end shows the last one). */
export function clampPage(request: PageRequest, total: number): PageRequest {
  const last = Math.max(1, Math.ceil(total / request.limit));
  if (request.page <= last) return request;
  return { ...request, page: last, offset: (last - 1) * request.limit };
}

/** What the pager partial shows: where we are and the links either side, filters kept. */
export function pagerModel(
  res: Response,
  path: string,
  request: PageRequest,
  total: number,
  keep: Record<string, string> = {},
) {
  const pages = Math.max(1, Math.ceil(total / request.limit));
  const query = (page: number) => ({
    ...keep,
    ...(request.q && { q: request.q }),
    page: String(page),
  });
  return {
    total,
    page: request.page,
    pages,
    q: request.q,
    several: pages > 1,
    from: total === 0 ? 0 : request.offset + 1,
    to: Math.min(total, request.offset + request.limit),
    prevUrl: request.page > 1 ? urlFor(res, path, query(request.page - 1)) : null,
    nextUrl: request.page < pages ? urlFor(res, path, query(request.page + 1)) : null,
    firstUrl: request.page > 2 ? urlFor(res, path, query(1)) : null,
    lastUrl: request.page < pages - 1 ? urlFor(res, path, query(pages)) : null,
  };
}
