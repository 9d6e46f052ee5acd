import { Router } from 'express';
import type { AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import type { UserService } from '../users/service.ts';

export type ActionDeps = { db: Db; audit: AuditService; users: UserService; clock: () => Date };

/** Actions on cases and the list of all open actions. */
export function actionRoutes(_deps: ActionDeps): Router {
  return Router();
}
