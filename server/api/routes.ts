import express, { Router } from 'express';
import type { Db } from '../db/database.ts';
import type { UserService } from '../users/service.ts';
import { current, loadVocabularies } from '../vocabularies/service.ts';
import { notFound } from '../web/errors.ts';
import { bearerAuth } from './middleware.ts';
import type { TokenService } from './tokens.ts';

const plain = (terms: { code: string; label: string; retired?: boolean }[]) => current(terms).map(({ code, label }) => ({ code, label }));

/** JSON API under /api/v1 (DESIGN.md contract 4). Errors come from the shared error handler. */
export function apiRoutes(deps: { db: Db; tokens: TokenService; users: UserService }): Router {
  const router = Router();
  router.use('/api', express.json({ limit: '200kb' }), bearerAuth(deps.tokens, deps.users));

  router.get('/api/v1/vocabularies', async (_req, res) => {
    const v = await loadVocabularies(deps.db);
    res.json({
      themes: v.themes.map((t) => ({ code: t.code, label: t.label, factors: plain(t.factors) })),
      sources: plain(v.sources),
      departments: plain(v.departments),
      modalities: plain(v.modalities),
      bodyAreas: plain(v.bodyAreas),
      settings: plain(v.settings),
      urgencies: plain(v.urgencies),
      alertCategories: plain(v.alertCategories),
      harms: plain(v.harms),
      ageBands: plain(v.ageBands),
    });
  });

  router.use('/api', (_req, _res, next) => next(notFound('No such API endpoint')));
  return router;
}
