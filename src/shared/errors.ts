/**
 * A failure the user or the caller can act on. `code` is stable (tests and the error
 * handler key on it); `status` is the HTTP status it maps to; `data` carries details.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
