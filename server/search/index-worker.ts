/** The search index's own thread (threaded.ts): the in-process service, behind messages. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Db } from '../db/database.ts';
import type { createSearchService } from './service.ts';
import { readSnapshot } from './snapshot.ts';
import type { IndexQuestion, IndexReply, IndexRequest, IndexWorkerData } from './threaded.ts';

const port = parentPort!;
const { databaseUrl, snapshotFile } = workerData as IndexWorkerData;

// The snapshot is read from disk at once, while the rest of the index's code (the database driver,
// kysely, the engine) loads: about 150 ms sooner ready at 100,000 cases. A failed read is told when
// the service uses it. The database is opened only when first asked, as a caller may start the thread
// before migrations (on a first start the file may not exist yet); a snapshot of another database is
// set aside then. Starting the thread before the app loads its own code was tried: on the same two
// cores it slowed the app's loading by 150-300 ms, and the index was ready no sooner.
const earlyRead = snapshotFile ? readSnapshot(snapshotFile) : undefined;
earlyRead?.catch(() => undefined);
const code = Promise.all([import('../db/database.ts'), import('./service.ts'), import('../vocabularies/changes.ts')]);
type Opened = { db: Db; search: ReturnType<typeof createSearchService>; referenceDataChanged: () => void };
let opened: Promise<Opened> | undefined;

function service(): Promise<Opened> {
  opened ??= code.then(([{ openDatabase }, { createSearchService }, { referenceDataChanged }]) => {
    const db = openDatabase(databaseUrl, { reader: true });
    const log = (message: string, fields?: Record<string, unknown>) => port.postMessage({ log: message, fields } satisfies IndexReply);
    return { db, referenceDataChanged, search: createSearchService({ db, log, ...(snapshotFile ? { snapshotFile } : {}), ...(earlyRead ? { earlyRead } : {}) }) };
  });
  return opened;
}

// Changes one after another, in the order asked for; each question waits for the changes asked for
// before it. A change that fails is told to its asker and does not stop the ones after it.
let changes: Promise<unknown> = Promise.resolve();
const afterChanges = () => changes.catch(() => undefined);

async function answer(q: IndexQuestion): Promise<unknown> {
  switch (q.op) {
    case 'refresh':
      return (changes = afterChanges().then(async () => (await service()).search.refresh(...q.refs)));
    case 'ready':
      await (await service()).search.ready();
      return null;
    case 'rebuild': {
      const { search, referenceDataChanged } = await service();
      // Asked for after synonyms or reference data changed: this thread's own copy of the labels
      // (kept per thread, vocabularies/service.ts) would otherwise be up to half a minute old.
      referenceDataChanged();
      return search.rebuild();
    }
    case 'saved':
      return opened ? (await opened).search.saved() : undefined;
    case 'settled':
      return afterChanges();
    case 'search':
      await afterChanges();
      return (await service()).search.search(q.req);
    case 'similar':
      await afterChanges();
      return (await service()).search.similar(q.caseId, q.opts);
    case 'similarToText':
      await afterChanges();
      return (await service()).search.similarToText(q.text, q.factors, q.opts);
    case 'close': {
      await afterChanges();
      if (!opened) return (await earlyRead?.catch(() => undefined))?.close();
      const { search, db } = await opened;
      await search.close();
      await db.destroy();
    }
  }
}

port.on('message', (req: IndexRequest) => {
  answer(req).then(
    (value) => port.postMessage({ id: req.id, value: value ?? null } satisfies IndexReply),
    (err: unknown) => port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies IndexReply),
  );
});
