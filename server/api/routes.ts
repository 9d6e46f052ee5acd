import express, { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import { IdentifierFoundError } from '../cases/identifier-check.ts';
import { CaseBody } from '../cases/schema.ts';
import { CaseValidationError, type CaseService } from '../cases/service.ts';
import type { Db } from '../db/database.ts';
import { parseRef } from '../domain/case-ref.ts';
import type { UserService } from '../users/service.ts';
import { current, loadVocabularies } from '../vocabularies/service.ts';
import { HttpError, notFound } from '../web/errors.ts';
import { bearerAuth } from './middleware.ts';
import type { TokenService } from './tokens.ts';

const plain = (terms: { code: string; label: string; retired?: boolean }[]) => current(terms).map(({ code, label }) => ({ code, label }));

/** JSON API under /api/v1 (DESIGN.md contract 4). Errors come from the shared error handler. */
export function apiRoutes(deps: { db: Db; tokens: TokenService; users: UserService; cases: CaseService }): Router {
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

  router.post('/api/v1/cases', ...requireRole('safety', 'director'), async (req, res) => {
    const parsed = CaseBody.safeParse(req.body);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
      throw new HttpError(400, 'validation_failed', 'The case has problems to fix', details);
    }
    try {
      const created = await deps.cases.create(deps.users.actorFor(req.user!), parsed.data);
      res.status(201).location(`/api/v1/cases/${created.ref}`).set('ETag', `"${created.version}"`).json(created);
    } catch (err) {
      if (err instanceof CaseValidationError) throw new HttpError(400, 'validation_failed', err.message, err.problems);
      if (err instanceof IdentifierFoundError) throw new HttpError(422, 'identifier_found', err.message, err.findings);
      throw err;
    }
  });

  router.get('/api/v1/cases/:ref', async (req, res) => {
    const ref = String(req.params.ref).toUpperCase();
    const found = parseRef(ref) ? await deps.cases.getFor(req.user!.role, ref) : undefined;
    if (!found) throw notFound(`There is no case ${req.params.ref}`);
    res.set('ETag', `"${found.version}"`).json(found);
  });

  router.use('/api', (_req, _res, next) => next(notFound('No such API endpoint')));
  return router;
}
