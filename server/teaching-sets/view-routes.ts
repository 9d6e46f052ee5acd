import { type Request, type Response, Router } from 'express';
import { requireSignedIn } from '../auth/middleware.ts';
import { loadVocabularies } from '../vocabularies/service.ts';
import { notFound } from '../web/errors.ts';
import { exportFilename, toCsv } from '../web/table-export.ts';
import { setTable } from './export.ts';
import { loadSet } from './http.ts';
import { presentHandout, presentHeader, presentTeach, setHref } from './present.ts';
import type { TeachingSetDeps } from './routes.ts';
import { PositionParam } from './schema.ts';
import type { SetDetail, TeachingSetService } from './service.ts';

/** Teaching mode, the printable handout and the two downloads: every signed-in role may use them. */
export function setViewRoutes(deps: TeachingSetDeps, sets: TeachingSetService): Router {
  const router = Router();

  async function loadDetail(req: Request): Promise<SetDetail> {
    const detail = await sets.detail((await loadSet(sets, req)).id);
    if (!detail) throw notFound('There is no such teaching set');
    return detail;
  }

  router.get('/teaching-sets/:setId/teach/:position', requireSignedIn, async (req, res) => {
    const detail = await loadDetail(req);
    const position = PositionParam.safeParse(req.params.position);
    const teach = position.success ? presentTeach(detail, position.data, await loadVocabularies(deps.db)) : undefined;
    if (!teach) throw notFound('There is no case at that place in this teaching set');
    res.render('pages/teaching-sets/teach', {
      // The case's title is left out of the page title too: it often gives the outcome away.
      pageTitle: `Case ${teach.position} of ${teach.total}: ${detail.set.title}`,
      set: presentHeader(detail.set),
      teach,
    });
  });

  async function handout(detail: SetDetail) {
    return { set: presentHeader(detail.set), cases: presentHandout(detail, await loadVocabularies(deps.db)) };
  }

  router.get('/teaching-sets/:setId/handout', requireSignedIn, async (req, res) => {
    const detail = await loadDetail(req);
    res.render('pages/teaching-sets/handout', { pageTitle: `Handout: ${detail.set.title}`, ...(await handout(detail)), backHref: setHref(detail.set.id) });
  });

  const download = (res: Response, detail: SetDetail, ext: 'csv' | 'html') => {
    const name = exportFilename(`teaching-set-${detail.set.title}`, ext, deps.clock());
    res.set('Cache-Control', 'no-store').attachment(name);
  };

  router.get('/teaching-sets/:setId/export.csv', requireSignedIn, async (req, res) => {
    const detail = await loadDetail(req);
    const table = setTable(detail, await loadVocabularies(deps.db));
    await sets.recordExport(deps.users.actorFor(req.user!), detail.set.id, 'csv', detail.teachable.length);
    download(res, detail, 'csv');
    res.send(toCsv(table));
  });

  router.get('/teaching-sets/:setId/export.html', requireSignedIn, async (req, res) => {
    const detail = await loadDetail(req);
    const context = { layout: 'standalone', pageTitle: detail.set.title, exportedAt: deps.clock().toISOString(), ...(await handout(detail)) };
    const html = await new Promise<string>((resolve, reject) => res.render('pages/teaching-sets/export', context, (err, out) => (err ? reject(err) : resolve(out))));
    await sets.recordExport(deps.users.actorFor(req.user!), detail.set.id, 'html', detail.teachable.length);
    download(res, detail, 'html');
    res.send(html);
  });

  return router;
}
