import type { RequestHandler } from 'express';
import { isRef } from '../domain/case-ref.ts';
import { findIdentifiers } from '../domain/identifiers.ts';
import type { Db } from '../db/database.ts';
import type { UserService } from '../users/service.ts';
import type { AuditService } from './service.ts';

/** The pages and API answers that hold cases and the learning made from them: not an administrator's work. */
// Any letter case: express matches routes whatever the case of the address ("/CASES/CB-…").
const CASE_CONTENT = /^\/(?:api\/v1\/(?:cases|search)|cases|search|reviews|teaching-sets|trends|actions)(?:\/|$)/i;

/**
 * The path as recorded: words, case references and small ids as they are, anything else as "…",
 * so whatever was typed into an address (an NHS number, say) never reaches the audit trail.
 */
export function pathForAudit(path: string): string {
  return path
    .split('/')
    .map((part) => (isRef(part.toUpperCase()) ? part.toUpperCase() : part === '' || /^\d{1,6}$/.test(part) || (/^[a-z][a-z0-9.-]{0,39}$/.test(part) && (!/\d/.test(part) || !findIdentifiers(part).length)) ? part : '…'))
    .join('/');
}

/**
 * Administrators manage users and lists; reading cases is not their role, and DESIGN.md (section 2)
 * says they must never do so unaudited. They can still open such a page (to check a reported
 * problem), or ask the API with a token, but each read is written to the audit trail first: by path,
 * never by query, which may hold whatever was typed into a search box.
 */
export function auditAdminReads(db: Db, audit: AuditService, users: UserService): RequestHandler {
  return async (req, _res, next) => {
    const path = req.baseUrl + req.path;
    if (req.user?.role !== 'admin' || (req.method !== 'GET' && req.method !== 'HEAD') || !CASE_CONTENT.test(path)) return next();
    await audit.record(db, { actor: users.actorFor(req.user), action: 'admin.read', entityType: 'page', entityId: pathForAudit(path.toLowerCase()) });
    next();
  };
}
