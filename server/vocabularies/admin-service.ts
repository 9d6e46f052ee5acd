import type { Actor, AuditService } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import { duplicateOf, type Item, neighbour, nextFactorCode, type VocabularyInfo } from './admin-rules.ts';
import * as repo from './admin-repository.ts';

export class ReferenceDataError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReferenceDataError';
  }
}

type Row = { code: string; label: string; retired: number; position?: number };
type Changes = { label?: string; retired?: number; position?: number };

/** One editable list of codes and labels: departments, one vocabulary, or one theme's factors. */
export type ListStore = {
  noun: string;
  entityType: string;
  actions: { create: string; update: string };
  entityId: (code: string) => string;
  /** Extra fields for the audit trail so an entry says which list it belongs to. */
  context: Record<string, string>;
  rows: (db: Db) => Promise<Row[]>;
  insert: (db: Db, code: string, label: string) => Promise<void>;
  update: (db: Db, code: string, changes: Changes) => Promise<void>;
  /** Cases cannot be logged without a current choice in these lists. */
  keepOneCurrent: boolean;
};

export const departmentStore: ListStore = {
  noun: 'department',
  entityType: 'department',
  actions: { create: 'reference.department_create', update: 'reference.department_update' },
  entityId: (code) => code,
  context: {},
  rows: repo.departments,
  insert: repo.insertDepartment,
  update: (db, code, { position: _ignored, ...changes }) => repo.updateDepartment(db, code, changes),
  keepOneCurrent: false,
};

export const termStore = (v: VocabularyInfo): ListStore => ({
  noun: v.noun,
  entityType: 'vocabulary_term',
  actions: { create: 'reference.term_create', update: 'reference.term_update' },
  entityId: (code) => `${v.name}:${code}`,
  context: { vocabulary: v.name },
  rows: (db) => repo.termsOf(db, v.name),
  insert: (db, code, label) => repo.insertTerm(db, v.name, code, label),
  update: (db, code, changes) => repo.updateTerm(db, v.name, code, changes),
  keepOneCurrent: true,
});

export const factorStore = (theme: string): ListStore => ({
  noun: 'contributory factor',
  entityType: 'factor',
  actions: { create: 'reference.factor_create', update: 'reference.factor_update' },
  entityId: (code) => code,
  context: { theme },
  rows: (db) => repo.factorsOf(db, theme),
  insert: (db, code, label) => repo.insertFactor(db, theme, code, label),
  update: (db, code, changes) => repo.updateFactor(db, theme, code, changes),
  keepOneCurrent: false,
});

const toItem = (r: Row): Item => ({ code: r.code, label: r.label, retired: r.retired === 1 });
const auditView = (store: ListStore, i: Item) => ({ ...store.context, code: i.code, label: i.label, retired: i.retired });

export function createReferenceDataService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  const list = async (store: ListStore): Promise<Item[]> => (await store.rows(db)).map(toItem);
  const get = async (store: ListStore, code: string): Promise<Item | undefined> => (await list(store)).find((i) => i.code === code);

  async function mustFind(trx: Db, store: ListStore, code: string): Promise<{ item: Item; all: Item[]; rows: Row[] }> {
    const rows = await store.rows(trx);
    const all = rows.map(toItem);
    const item = all.find((i) => i.code === code);
    if (!item) throw new ReferenceDataError('code', `There is no ${store.noun} with the code ${code}`);
    return { item, all, rows };
  }

  function refuseDuplicate(store: ListStore, label: string, all: Item[], except?: string) {
    const dup = duplicateOf(label, all, except);
    if (dup) throw new ReferenceDataError('label', `There is already a current ${store.noun} called "${dup.label}": enter a different label`);
  }

  async function add(actor: Actor, store: ListStore, input: { code: string; label: string }): Promise<Item> {
    return db.transaction().execute(async (trx) => {
      const all = (await store.rows(trx)).map(toItem);
      // Codes are never reused, not even a retired one: old cases still mean the old term by it.
      if (all.some((i) => i.code === input.code)) throw new ReferenceDataError('code', `There is already a ${store.noun} with the code ${input.code}`);
      refuseDuplicate(store, input.label, all);
      await store.insert(trx, input.code, input.label);
      const item = { code: input.code, label: input.label, retired: false };
      await audit.record(trx, { actor, action: store.actions.create, entityType: store.entityType, entityId: store.entityId(item.code), after: auditView(store, item) });
      return item;
    });
  }

  async function addFactor(actor: Actor, theme: string, label: string): Promise<Item> {
    const code = nextFactorCode(theme, await repo.allFactorCodes(db));
    if (!code) throw new ReferenceDataError('label', `${theme} has used every factor code up to ${theme}.99`);
    return add(actor, factorStore(theme), { code, label });
  }

  async function relabel(actor: Actor, store: ListStore, code: string, label: string): Promise<Item> {
    return db.transaction().execute(async (trx) => {
      const { item, all } = await mustFind(trx, store, code);
      if (!item.retired) refuseDuplicate(store, label, all, code);
      if (item.label === label) return item;
      await store.update(trx, code, { label });
      const after = { ...item, label };
      await audit.record(trx, { actor, action: store.actions.update, entityType: store.entityType, entityId: store.entityId(code), before: auditView(store, item), after: auditView(store, after) });
      return after;
    });
  }

  async function setRetired(actor: Actor, store: ListStore, code: string, retired: boolean): Promise<Item> {
    return db.transaction().execute(async (trx) => {
      const { item, all } = await mustFind(trx, store, code);
      if (item.retired === retired) return item;
      if (!retired && duplicateOf(item.label, all, code)) {
        throw new ReferenceDataError('status', `${item.label} cannot be reinstated while another current ${store.noun} has the same label: change one of the labels first`);
      }
      if (retired && store.keepOneCurrent && all.filter((i) => !i.retired).length === 1) {
        throw new ReferenceDataError('status', `${item.label} is the only current ${store.noun}: add another before retiring it`);
      }
      await store.update(trx, code, { retired: retired ? 1 : 0 });
      const after = { ...item, retired };
      await audit.record(trx, { actor, action: store.actions.update, entityType: store.entityType, entityId: store.entityId(code), before: auditView(store, item), after: auditView(store, after) });
      return after;
    });
  }

  /** Swaps positions with the neighbour; both changes are audited, since both terms moved. */
  async function move(actor: Actor, store: ListStore, code: string, direction: 'up' | 'down'): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const { rows } = await mustFind(trx, store, code);
      const self = rows.find((r) => r.code === code)!;
      const other = neighbour(rows, code, direction);
      if (!other || self.position === undefined || other.position === undefined) return;
      for (const [row, position] of [[self, other.position], [other, self.position]] as const) {
        await store.update(trx, row.code, { position });
        await audit.record(trx, { actor, action: store.actions.update, entityType: store.entityType, entityId: store.entityId(row.code), before: { ...store.context, code: row.code, position: row.position }, after: { ...store.context, code: row.code, position } });
      }
    });
  }

  async function updateTheme(actor: Actor, code: string, input: { label: string; summary: string }): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const all = await repo.themes(trx);
      const theme = all.find((t) => t.code === code);
      if (!theme) throw new ReferenceDataError('themeLabel', `There is no theme ${code}`);
      const dup = duplicateOf(input.label, all.map((t) => ({ code: t.code, label: t.label, retired: false })), code);
      if (dup) throw new ReferenceDataError('themeLabel', `Theme ${dup.code} is already called "${dup.label}": enter a different name`);
      if (theme.label === input.label && theme.summary === input.summary) return;
      await repo.updateTheme(trx, code, input);
      // Themes are a controlled vocabulary too; there is no separate theme action.
      await audit.record(trx, {
        actor,
        action: 'reference.term_update',
        entityType: 'theme',
        entityId: code,
        before: { code, label: theme.label, summary: theme.summary },
        after: { code, label: input.label, summary: input.summary },
      });
    });
  }

  const theme = (code: string) => repo.findTheme(db, code);

  return { list, get, add, addFactor, relabel, setRetired, move, theme, updateTheme };
}

export type ReferenceDataService = ReturnType<typeof createReferenceDataService>;
