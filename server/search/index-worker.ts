/** The search index's own thread (threaded.ts): the in-process service, behind messages. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database.ts';
import { referenceDataChanged } from '../vocabularies/changes.ts';
import { createSearchService } from './service.ts';
import type { IndexQuestion, IndexReply, IndexRequest, IndexWorkerData } from './threaded.ts';

const port = parentPort!;
const { databaseUrl, snapshotFile } = workerData as IndexWorkerData;
const db = openDatabase(databaseUrl, { reader: true });
const search = createSearchService({ db, snapshotFile, log: (message, fields) => port.postMessage({ log: message, fields } satisfies IndexReply) });

// Changes one after another, in the order asked for; each question waits for the changes asked for
// before it. A change that fails is told to its asker and does not stop the ones after it.
let changes: Promise<unknown> = Promise.resolve();
const afterChanges = () => changes.catch(() => undefined);

function answer(q: IndexQuestion): Promise<unknown> {
  switch (q.op) {
    case 'refresh':
      return (changes = afterChanges().then(() => search.refresh(...q.refs)));
    case 'ready':
      return search.ready().then(() => null);
    case 'rebuild':
      // Asked for after synonyms or reference data changed: this thread's own copy of the labels
      // (kept per thread, vocabularies/service.ts) would otherwise be up to half a minute old.
      referenceDataChanged();
      return search.rebuild();
    case 'saved':
      return search.saved();
    case 'settled':
      return afterChanges();
    case 'search':
      return afterChanges().then(() => search.search(q.req));
    case 'similar':
      return afterChanges().then(() => search.similar(q.caseId, q.opts));
    case 'similarToText':
      return afterChanges().then(() => search.similarToText(q.text, q.factors, q.opts));
    case 'close':
      return afterChanges()
        .then(() => search.close())
        .then(() => db.destroy());
  }
}

port.on('message', (req: IndexRequest) => {
  answer(req).then(
    (value) => port.postMessage({ id: req.id, value: value ?? null } satisfies IndexReply),
    (err: unknown) => port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies IndexReply),
  );
});
