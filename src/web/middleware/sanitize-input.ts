import type { NextFunction, Request, Response } from 'express';
import { cleanText } from '../../shared/clean-text.js';

const MAX_DEPTH = 32;

/** Cleans every string (values and keys) of a parsed body in place; returns the cleaned value. */
export function cleanInput(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cleanInput(value[i], depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const cleanKey = cleanText(key);
    const cleanValue = cleanInput(record[key], depth + 1);
    if (cleanKey !== key) delete record[key];
    // defineProperty, not assignment: a `__proto__` key stays an own data property.
    Object.defineProperty(record, cleanKey, { value: cleanValue, enumerable: true, writable: true, configurable: true });
  }
  return record;
}

/**
 * Right after the body parsers: urlencoded and JSON bodies and the query string reach the routes
 * without NUL characters or lone surrogates (they reached PostgreSQL and failed with a 500).
 */
export function sanitizeInput(req: Request, _res: Response, next: NextFunction): void {
  if (req.body !== undefined) req.body = cleanInput(req.body);
  // Express 5 parses `req.query` in a getter on each read: shadow it with the cleaned copy.
  const query = cleanInput(req.query);
  Object.defineProperty(req, 'query', { value: query, writable: true, configurable: true, enumerable: true });
  next();
}
