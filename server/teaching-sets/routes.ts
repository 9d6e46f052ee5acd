import { Router } from 'express';
import type { AuditService } from '../audit/service.ts';
import type { CaseService } from '../cases/service.ts';
import type { Db } from '../db/database.ts';
import type { UserService } from '../users/service.ts';

export type TeachingSetDeps = { db: Db; audit: AuditService; users: UserService; cases: CaseService; clock: () => Date };

/** Trainers' teaching sets: build, order, annotate, teach ("unknown case" mode), print and export. */
export function teachingSetRoutes(_deps: TeachingSetDeps): Router {
  return Router();
}
