import 'express-serve-static-core';

declare module 'express-serve-static-core' {
  interface Request {
    /** Correlates log lines of one request (X-Request-Id when a proxy set one). */
    id: string;
  }
}
