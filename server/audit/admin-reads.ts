import type { RequestHandler } from 'express';
import type { Db } from '../db/database.ts';
import type { UserService } from '../users/service.ts';
import type { AuditService } from './service.ts';

/** The pages of cases and the learning made from them: not an administrator's work. */
const CASE_CONTENT = /^\/(?:cases|search|reviews|teaching-sets|trends|actions)(?:\/|$)/;

/**
 * Administrators manage users and lists; reading cases is not their role, and DESIGN.md (section 2)
 * says they must never do so unaudited. They can still open such a page (to check a reported
 * problem), but each one is written to the audit trail first: by path, never by query, which may
 * hold whatever was typed into a search box.
 */
export function auditAdminReads(db: Db, audit: AuditService, users: UserService): RequestHandler {
  return async (req, _res, next) => {
    if (req.user?.role !== 'admin' || (req.method !== 'GET' && req.method !== 'HEAD') || !CASE_CONTENT.test(req.path)) return next();
    await audit.record(db, { actor: users.actorFor(req.user), action: 'admin.read', entityType: 'page', entityId: req.path });
    next();
  };
}
