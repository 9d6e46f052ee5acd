import { Router } from 'express';
import { requireSignedIn } from '../auth/middleware.ts';
import type { Db } from '../db/database.ts';
import { parseRef } from '../domain/case-ref.ts';
import { listTimeframes } from '../vocabularies/repository.ts';
import { loadVocabularies } from '../vocabularies/service.ts';
import { notFound } from '../web/errors.ts';
import { presentCase } from './present.ts';
import type { CaseService } from './service.ts';

export function caseRoutes(db: Db, cases: CaseService): Router {
  const router = Router();

  router.get('/cases/:ref', requireSignedIn, async (req, res) => {
    const ref = String(req.params.ref).toUpperCase();
    const found = parseRef(ref) ? await cases.getFor(req.user!.role, ref) : undefined;
    if (!found) throw notFound(`There is no case ${req.params.ref} that you can see`);
    const [v, tf] = await Promise.all([loadVocabularies(db), listTimeframes(db)]);
    const timeframes = tf.map((t) => ({ urgency: t.urgency, fromStage: t.from_stage, toStage: t.to_stage, maxDays: t.max_days, source: t.source, local: t.local === 1 }));
    res.render('pages/cases/case', { pageTitle: `${found.ref}: ${found.title}`, c: presentCase(found, v, timeframes) });
  });

  return router;
}
