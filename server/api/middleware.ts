import type { RequestHandler } from 'express';
import type { UserService } from '../users/service.ts';
import { unauthorised } from '../web/errors.ts';
import type { TokenService } from './tokens.ts';

/** API requests carry `Authorization: Bearer <token>`; cookies are never accepted, so no CSRF applies. */
export function bearerAuth(tokens: TokenService, users: UserService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return next(unauthorised('Send an API token in the Authorization header: Bearer <token>'));
    const userId = await tokens.authenticate(match[1]!);
    const user = userId === undefined ? undefined : await users.findActive(userId);
    if (!user) return next(unauthorised('The API token is not valid or has been revoked'));
    req.user = user;
    next();
  };
}
