import Handlebars from 'handlebars';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError, notFound } from './errors.ts';

type Shown = { status: number; code: string; title: string; message: string; details?: unknown };

/** Maps anything thrown to what a user may see. Unknown errors say nothing about their internals. */
function describe(err: unknown): Shown {
  if (err instanceof HttpError) {
    const title = err.status === 404 ? 'Page not found' : err.status === 403 ? 'You do not have access to this page' : err.status === 401 ? 'Sign in to continue' : 'There is a problem';
    return { status: err.status, code: err.code, title, message: err.message, details: err.details };
  }
  const e = err as { code?: string; type?: string; status?: number };
  if (e?.code === 'EBADCSRFTOKEN') {
    return { status: 403, code: 'csrf_invalid', title: 'This form has expired', message: 'For your security, forms expire. Go back, reload the page and try again.' };
  }
  if (e?.type === 'entity.too.large') {
    return { status: 413, code: 'too_large', title: 'What you sent is too large', message: 'The form or request was larger than the service accepts. Shorten it and try again.' };
  }
  if (e?.type === 'entity.parse.failed') {
    return { status: 400, code: 'bad_request', title: 'There is a problem', message: 'The request body could not be read.' };
  }
  return { status: 500, code: 'internal_error', title: 'Sorry, there is a problem with the service', message: 'Try again later.' };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound());

export function errorHandler(production: boolean): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const shown = describe(err);
    if (shown.status >= 500) req.log?.error({ err }, 'unhandled error');
    const stack = !production && shown.status >= 500 && err instanceof Error ? err.stack : undefined;
    res.status(shown.status);
    if (req.path.startsWith('/api/')) {
      res.json({ error: { code: shown.code, message: shown.message, details: shown.details ?? (stack ? { stack } : null) } });
      return;
    }
    res.render('pages/error', { pageTitle: shown.title, ...shown, stack }, (renderErr, html) => {
      // If the error page itself fails, fall back to escaped plain text rather than a second crash.
      if (renderErr) {
        res.type('html').send(`<h1>${Handlebars.escapeExpression(shown.title)}</h1><p>${Handlebars.escapeExpression(shown.message)}</p>`);
      } else {
        res.send(html);
      }
    });
  };
}
