/**
 * The cases trends count, held in memory: a chart at 100,000 cases was a database scan of every
 * case of three years (about 150 ms each). Every change to a case writes an audit event in the same
 * transaction, so the newest audit id tells whether anything changed; the cases named by newer
 * events are re-read, and only they. Withdrawn cases and drafts are left out, as trends leave them out.
 */
import { newestEventId } from '../audit/repository.ts';
import type { Db } from '../db/database.ts';
import { yieldToEventLoop } from '../search/slices.ts';
import type { CaseRow } from '../db/schema.ts';
import { SERIOUS_HARMS } from './measures.ts';

/** Filters every chart takes: one department, source or care setting, and a range of event months. */
export type TrendFilters = { department?: string; departments?: string[]; source?: string; setting?: string; from: string; to: string };

/** Monthly counts keyed by measure. */
export type MonthlyByCode = Map<string, Map<string, number>>;

export type CubeCase = {
  month: string;
  department: string;
  source: string;
  setting: string;
  urgency: string | null;
  day_request: number | null;
  day_vetting: number | null;
  day_scan: number | null;
  day_report: number | null;
  /** Year × 12 + month − 1, for counting into arrays. */
  monthNo: number;
  /** The count measures the case adds to (`all`, `theme:T1`, `factor:T1.01`, `source:…`), as ids of KEYS. */
  keys: number[];
};

/** Every count measure key seen, numbered: shared by all cubes, since keys mean the same everywhere. */
const KEYS: string[] = [];
const KEY_IDS = new Map<string, number>();
function keyId(key: string): number {
  let id = KEY_IDS.get(key);
  if (id === undefined) {
    KEY_IDS.set(key, (id = KEYS.length));
    KEYS.push(key);
  }
  return id;
}
const monthNo = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOfNo = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;

const SERIOUS = new Set<string>(SERIOUS_HARMS);
const COLUMNS = ['id', 'ref', 'status', 'withdrawn_at', 'event_month', 'department', 'source', 'setting', 'modality', 'harm', 'urgency', 'day_request', 'day_vetting', 'day_scan', 'day_report'] as const;
const CHUNK = 5000;
/** Cases read in one go at start-up: about 15 ms of work at a time. */
const SLICE = 1000;

export class TrendCube {
  private readonly cases = new Map<number, CubeCase>();
  private seen = -1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {}

  /** The counted cases as of now. Calls are queued, so two requests never refresh at once. */
  current(): Promise<ReadonlyMap<number, CubeCase>> {
    const next = this.queue.then(() => this.refresh());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async refresh(): Promise<ReadonlyMap<number, CubeCase>> {
    const last = await newestEventId(this.db);
    if (this.seen < 0) {
      // The id is read first: a change committed while the cases are read is read again next time.
      await this.load();
      this.seen = last;
    } else if (last > this.seen) {
      const events = await this.db.selectFrom('audit_events').select('entity_id').distinct().where('id', '>', this.seen).where('entity_type', '=', 'case').where('entity_id', 'is not', null).execute();
      const refs = events.map((e) => e.entity_id!);
      for (let i = 0; i < refs.length; i += CHUNK) await this.load(refs.slice(i, i + CHUNK));
      this.seen = last;
    }
    return this.cases;
  }

  /**
   * Reads every case, a slice of ids at a time so no request waits long behind it, or the cases
   * with these references; replaces what was held for them.
   */
  private async load(refs?: string[]): Promise<void> {
    if (refs) return this.put(await this.db.selectFrom('cases').select([...COLUMNS]).where('ref', 'in', refs).execute());
    for (let after = 0; ; ) {
      // The database answers synchronously, so awaiting it never lets a request in: this does, before
      // every slice, the first too, as whatever started the load may itself have run a while.
      await yieldToEventLoop();
      const rows = await this.db.selectFrom('cases').select([...COLUMNS]).where('id', '>', after).orderBy('id').limit(SLICE).execute();
      if (!rows.length) return;
      await this.put(rows);
      after = rows[rows.length - 1]!.id;
    }
  }

  private async put(rows: Pick<CaseRow, (typeof COLUMNS)[number]>[]): Promise<void> {
    const ids = rows.filter((r) => counted(r)).map((r) => r.id);
    const [themes, factors] = await Promise.all([this.tagsOf('case_themes', 'theme_code', ids), this.tagsOf('case_factors', 'factor_code', ids)]);
    for (const r of rows) {
      if (!counted(r)) {
        this.cases.delete(r.id);
        continue;
      }
      const keys = ['all', `source:${r.source}`, `department:${r.department}`, `modality:${r.modality}`];
      if (SERIOUS.has(r.harm)) keys.push('harm:moderate-plus');
      for (const t of themes.get(r.id) ?? []) keys.push(`theme:${t}`);
      for (const f of factors.get(r.id) ?? []) keys.push(`factor:${f}`);
      this.cases.set(r.id, {
        month: r.event_month,
        department: r.department,
        source: r.source,
        setting: r.setting,
        urgency: r.urgency,
        day_request: r.day_request,
        day_vetting: r.day_vetting,
        day_scan: r.day_scan,
        day_report: r.day_report,
        monthNo: monthNo(r.event_month),
        keys: keys.map(keyId),
      });
    }
  }

  private async tagsOf(table: 'case_themes' | 'case_factors', column: 'theme_code' | 'factor_code', ids: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    if (!ids.length) return out;
    // A slice of the whole table has ids close together, read as a range; a few changed cases by id.
    const low = Math.min(...ids);
    const high = Math.max(...ids);
    let q = this.db.selectFrom(table).select(['case_id', `${column} as code`]);
    q = high - low < 4 * ids.length ? q.where('case_id', '>=', low).where('case_id', '<=', high) : q.where('case_id', 'in', ids);
    const rows = (await q.execute()) as { case_id: number; code: string }[];
    const wanted = new Set(ids);
    for (const r of rows) {
      if (!wanted.has(r.case_id)) continue;
      const list = out.get(r.case_id);
      if (list) list.push(r.code);
      else out.set(r.case_id, [r.code]);
    }
    return out;
  }
}

const counted = (r: { status: string; withdrawn_at: string | null }) => (r.status === 'submitted' || r.status === 'closed') && r.withdrawn_at === null;

function passes(c: CubeCase, f: TrendFilters, departments: Set<string> | null): boolean {
  return (
    c.month >= f.from &&
    c.month <= f.to &&
    (!f.department || c.department === f.department) &&
    (!departments || departments.has(c.department)) &&
    (!f.source || c.source === f.source) &&
    (!f.setting || c.setting === f.setting)
  );
}

/**
 * The month of the earliest case of all: before it Casebook held no cases, so those months are
 * unknown, not quiet, and a chart starting there would read zeros as a signal.
 */
export function firstMonth(cases: ReadonlyMap<number, CubeCase>): string | undefined {
  let first = Infinity;
  for (const c of cases.values()) if (c.monthNo < first) first = c.monthNo;
  return first === Infinity ? undefined : monthOfNo(first);
}

/** Monthly counts of every count measure over the cases that pass the filters. */
export function tallies(cases: ReadonlyMap<number, CubeCase>, f: TrendFilters): MonthlyByCode {
  const departments = f.departments?.length ? new Set(f.departments) : null;
  const first = monthNo(f.from);
  const span = Math.max(0, monthNo(f.to) - first + 1);
  // Counted into one array (key × month), then read out: a map update per case and key cost more.
  const keyCount = KEYS.length;
  const counts = new Int32Array(keyCount * span);
  for (const c of cases.values()) {
    if (!passes(c, f, departments)) continue;
    const at = c.monthNo - first;
    for (const k of c.keys) counts[k * span + at]!++;
  }
  const out: MonthlyByCode = new Map();
  for (let k = 0; k < keyCount; k++) {
    let months: Map<string, number> | undefined;
    for (let m = 0; m < span; m++) {
      const n = counts[k * span + m]!;
      if (n === 0) continue;
      if (!months) out.set(KEYS[k]!, (months = new Map()));
      months.set(monthOfNo(first + m), n);
    }
  }
  return out;
}

/** The cases that pass the filters, with their themes and factors: what a review counts by quarter. */
export function taggedCases(cases: ReadonlyMap<number, CubeCase>, f: TrendFilters): { eventMonth: string; source: string; themes: string[]; factors: string[] }[] {
  const departments = f.departments?.length ? new Set(f.departments) : null;
  const out = [];
  for (const c of cases.values()) {
    if (!passes(c, f, departments)) continue;
    const themes: string[] = [];
    const factors: string[] = [];
    for (const k of c.keys) {
      const key = KEYS[k]!;
      if (key.startsWith('theme:')) themes.push(key.slice(6));
      else if (key.startsWith('factor:')) factors.push(key.slice(7));
    }
    out.push({ eventMonth: c.month, source: c.source, themes, factors });
  }
  return out;
}

/** The journeys the delay measures read: cases with a report day that pass the filters. */
export function journeys(cases: ReadonlyMap<number, CubeCase>, f: TrendFilters) {
  const departments = f.departments?.length ? new Set(f.departments) : null;
  const out = [];
  for (const c of cases.values()) {
    if (c.day_report === null || !passes(c, f, departments)) continue;
    out.push({ event_month: c.month, urgency: c.urgency, day_request: c.day_request, day_vetting: c.day_vetting, day_scan: c.day_scan, day_report: c.day_report });
  }
  return out;
}

const cubes = new WeakMap<Db, TrendCube>();

/** One cube per database handle. */
export function cubeOf(db: Db): TrendCube {
  let cube = cubes.get(db);
  if (!cube) cubes.set(db, (cube = new TrendCube(db)));
  return cube;
}
