/** An error with an HTTP status and a stable code, shown to users as a page or as API JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (message = 'Page not found') => new HttpError(404, 'not_found', message);
export const forbidden = (message = 'You do not have permission to see this page') => new HttpError(403, 'forbidden', message);
export const unauthorised = (message = 'Sign in to continue') => new HttpError(401, 'unauthorised', message);
