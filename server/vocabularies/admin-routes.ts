import { Router } from 'express';
import type { AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import type { UserService } from '../users/service.ts';

export type ReferenceDataDeps = { db: Db; audit: AuditService; users: UserService; clock: () => Date };

/** Admin pages for departments, controlled vocabularies, factors and expected timeframes. */
export function referenceDataRoutes(_deps: ReferenceDataDeps): Router {
  return Router();
}
