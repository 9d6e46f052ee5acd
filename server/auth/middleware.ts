import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../domain/roles.ts';
import type { User, UserService } from '../users/service.ts';
import { forbidden, unauthorised } from '../web/errors.ts';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    flash?: string;
    /** Told once on the next page, as a problem rather than a success: an action that could not be done. */
    flashProblem?: string;
    createdToken?: { token: string; email: string };
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- express's own extension point
  namespace Express {
    interface Request {
      user?: User;
    }
  }
}

/** Looks up the signed-in user on every request, so a deactivated account loses access at once. */
export function loadUser(users: UserService): RequestHandler {
  return async (req, res, next) => {
    const id = req.session?.userId;
    if (id !== undefined) {
      const user = await users.findActive(id);
      if (user) {
        req.user = user;
        res.locals.user = user;
      } else {
        delete req.session.userId;
      }
    }
    next();
  };
}

const wantsJson = (req: Request) => req.path.startsWith('/api/');

export function requireSignedIn(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next();
  if (wantsJson(req) || req.method !== 'GET') return next(unauthorised());
  res.redirect(`/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
}

/** Signed in with one of these roles, or 403. */
export function requireRole(...roles: Role[]): RequestHandler[] {
  return [
    requireSignedIn,
    (req, _res, next) => (req.user && roles.includes(req.user.role) ? next() : next(wantsJson(req) ? forbidden(`This needs the ${roles.join(' or ')} role; the token's user is ${req.user?.role}`) : forbidden())),
  ];
}
