import type { Request } from 'express';
import { notFound } from '../web/errors.ts';
import { SetIdParam } from './schema.ts';
import type { SetRow, TeachingSetService } from './service.ts';

/** The set named in the URL, or a 404 page: an id that is not a whole number is simply not a set. */
export async function loadSet(service: TeachingSetService, req: Request): Promise<SetRow> {
  const id = SetIdParam.safeParse(req.params.setId);
  const set = id.success ? await service.get(id.data) : undefined;
  if (!set) throw notFound('There is no such teaching set');
  return set;
}

export function takeFlash(req: Request): string | undefined {
  const flash = req.session.flash;
  delete req.session.flash;
  return flash;
}

/** Case references in URLs are upper case, but people type them either way. */
export const refParam = (req: Request) => String(req.params.ref).trim().toUpperCase();
