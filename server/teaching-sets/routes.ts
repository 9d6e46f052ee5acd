import { Router } from 'express';
import type { AuditService } from '../audit/service.ts';
import type { CaseService } from '../cases/service.ts';
import type { Db } from '../db/database.ts';
import type { UserService } from '../users/service.ts';
import { setFormRoutes } from './form-routes.ts';
import { setItemRoutes } from './item-routes.ts';
import { createTeachingSetService } from './service.ts';
import { setViewRoutes } from './view-routes.ts';

export type TeachingSetDeps = { db: Db; audit: AuditService; users: UserService; cases: CaseService; clock: () => Date };

/** Trainers' teaching sets: build, order, annotate, teach ("unknown case" mode), print and export. */
export function teachingSetRoutes(deps: TeachingSetDeps): Router {
  const sets = createTeachingSetService(deps);
  const router = Router();
  // Form routes first: `/teaching-sets/new` must be matched before `/teaching-sets/:setId` reads "new" as an id.
  router.use(setFormRoutes(deps, sets));
  router.use(setItemRoutes(deps, sets));
  router.use(setViewRoutes(deps, sets));
  return router;
}

export { createTeachingSetService, type TeachingSetService } from './service.ts';
