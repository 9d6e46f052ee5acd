import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { Actor } from '../audit/service.ts';
import type { UserService } from '../users/service.ts';
import { notFound } from '../web/errors.ts';
import { type FormErrors, formErrors, fromMessages, noErrors } from '../web/form-errors.ts';
import type { Item } from './admin-rules.ts';
import { LABEL_FIELDS, LabelForm, MoveForm, NEW_ITEM_FIELDS, StatusForm } from './admin-schema.ts';
import { type ListStore, ReferenceDataError, type ReferenceDataService } from './admin-service.ts';

/** Everything that differs between departments, one vocabulary and one theme's factors. */
export type ListPage = {
  store: ListStore;
  title: string;
  /** How a sentence names the list: "back to age bands", "back to T2 factors". */
  listName: string;
  intro: string;
  listHref: string;
  addHref: string;
  itemHref: (code: string) => string;
  editable: boolean;
  /** Admins type the code, or the list assigns the next one (factors). */
  code: { hint: string; schema: z.ZodType<{ code: string; label: string }> } | { hint: string; assign: (actor: Actor, label: string) => Promise<Item> };
  codeParam: z.ZodType<string>;
  /** Offers move up and down buttons, for lists shown in a chosen order. */
  movable?: boolean;
  /** More for the page template, such as the theme's own form. */
  extra?: Record<string, unknown>;
};

export type ListRouteOptions = {
  listPath: string;
  addPath: string;
  itemPath: string;
  resolve: (req: Request) => Promise<ListPage>;
  /** Registers the move route; pages that may use it say so with `movable`. */
  movable?: boolean;
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const back = { href: '/admin/reference-data', text: 'Back to reference data' };

/** The list page: its items with their status, the add form, and any errors from a form posted to it. */
export async function renderList(res: Response, service: ReferenceDataService, page: ListPage, extra: Record<string, unknown> = {}, status = 200) {
  const items = await service.list(page.store);
  res.status(status).render('pages/admin/reference-data/list', {
    pageTitle: page.title,
    back,
    page,
    codeEntry: 'schema' in page.code,
    movable: page.editable && page.movable === true,
    currentCount: items.filter((i) => !i.retired).length,
    retiredCount: items.filter((i) => i.retired).length,
    items: items.map((i, n) => ({ ...i, href: page.itemHref(i.code), first: n === 0, last: n === items.length - 1 })),
    values: {},
    errors: noErrors(),
    ...page.extra,
    ...extra,
  });
}

/** GET and POST routes for one kind of list: show, add, change a label, retire or reinstate, reorder. */
export function addListRoutes(router: Router, service: ReferenceDataService, users: UserService, o: ListRouteOptions): void {
  const actor = (req: Request) => users.actorFor(req.user!);

  async function loadItem(req: Request, page: ListPage): Promise<Item> {
    const code = page.codeParam.safeParse(req.params.code);
    const item = code.success ? await service.get(page.store, code.data) : undefined;
    if (!item) throw notFound(`There is no ${page.store.noun} with that code`);
    return item;
  }

  async function editablePage(req: Request): Promise<ListPage> {
    const page = await o.resolve(req);
    if (!page.editable) throw notFound(`${page.title} are fixed and cannot be changed here`);
    return page;
  }

  function renderEdit(res: Response, page: ListPage, item: Item, values: { label: string }, errors: FormErrors, status = 200) {
    res.status(status).render('pages/admin/reference-data/item-edit', {
      pageTitle: `Change ${page.store.noun} ${item.code}`,
      back: { href: page.listHref, text: `Back to ${page.listName}` },
      page,
      item,
      action: page.itemHref(item.code),
      values,
      errors,
    });
  }

  router.get(o.listPath, async (req, res) => {
    const page = await o.resolve(req);
    const flash = req.session.flash;
    delete req.session.flash;
    await renderList(res, service, page, { flash });
  });

  router.post(o.addPath, async (req, res) => {
    const page = await editablePage(req);
    const values = { code: str(req.body?.code), label: str(req.body?.label) };
    const code = page.code;
    const parsed = 'schema' in code ? code.schema.safeParse(req.body ?? {}) : LabelForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderList(res, service, page, { values, errors: formErrors(parsed.error, NEW_ITEM_FIELDS) }, 400);
    try {
      const data: { code?: string; label: string } = parsed.data;
      const item = 'schema' in code ? await service.add(actor(req), page.store, { code: data.code!, label: data.label }) : await code.assign(actor(req), data.label);
      req.session.flash = `${item.label} has been added with the code ${item.code}`;
      res.redirect(page.listHref);
    } catch (err) {
      if (err instanceof ReferenceDataError) return renderList(res, service, page, { values, errors: fromMessages({ [err.field]: err.message }, NEW_ITEM_FIELDS) }, 400);
      throw err;
    }
  });

  router.get(o.itemPath, async (req, res) => {
    const page = await editablePage(req);
    const item = await loadItem(req, page);
    renderEdit(res, page, item, { label: item.label }, noErrors());
  });

  router.post(o.itemPath, async (req, res) => {
    const page = await editablePage(req);
    const item = await loadItem(req, page);
    const values = { label: str(req.body?.label) };
    const parsed = LabelForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderEdit(res, page, item, values, formErrors(parsed.error, LABEL_FIELDS), 400);
    try {
      const after = await service.relabel(actor(req), page.store, item.code, parsed.data.label);
      req.session.flash = after.label === item.label ? `${item.code} is unchanged` : `${item.code} is now called ${after.label}`;
      res.redirect(page.listHref);
    } catch (err) {
      if (err instanceof ReferenceDataError) return renderEdit(res, page, item, values, fromMessages({ label: err.message }, LABEL_FIELDS), 400);
      throw err;
    }
  });

  router.post(`${o.itemPath}/status`, async (req, res) => {
    const page = await editablePage(req);
    const item = await loadItem(req, page);
    const parsed = StatusForm.safeParse(req.body ?? {});
    const rowError = (text: string) => ({ list: [{ text, href: `#item-${item.code}` }], byField: {} });
    if (!parsed.success) return renderList(res, service, page, { errors: rowError(parsed.error.issues[0]!.message) }, 400);
    try {
      const after = await service.setRetired(actor(req), page.store, item.code, parsed.data.status === 'retired');
      req.session.flash = after.retired
        ? `${after.label} has been retired: old cases keep it, new cases cannot choose it`
        : `${after.label} has been reinstated`;
      res.redirect(page.listHref);
    } catch (err) {
      if (err instanceof ReferenceDataError) return renderList(res, service, page, { errors: rowError(err.message) }, 400);
      throw err;
    }
  });

  if (!o.movable) return;
  router.post(`${o.itemPath}/move`, async (req, res) => {
    const page = await editablePage(req);
    if (!page.movable) throw notFound();
    const item = await loadItem(req, page);
    const parsed = MoveForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderList(res, service, page, { errors: { list: [{ text: parsed.error.issues[0]!.message, href: `#item-${item.code}` }], byField: {} } }, 400);
    await service.move(actor(req), page.store, item.code, parsed.data.direction);
    req.session.flash = `${item.label} has been moved ${parsed.data.direction}`;
    res.redirect(`${page.listHref}#item-${item.code}`);
  });
}
