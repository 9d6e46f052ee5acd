import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { changesOf } from '../../server/audit/present.ts';
import { formErrors } from '../../server/web/form-errors.ts';
import { navigationFor } from '../../server/web/navigation.ts';
import { pagination } from '../../server/web/pagination.ts';
import { safeNextPath } from '../../server/web/safe-redirect.ts';

describe('safeNextPath', () => {
  it.each([
    ['/admin/users', '/admin/users'],
    ['/admin/audit?page=2', '/admin/audit?page=2'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/sign-in', '/'],
    [undefined, '/'],
    [['/a'], '/'],
  ])('%s → %s', (input, expected) => expect(safeNextPath(input)).toBe(expected));
});

describe('formErrors', () => {
  it('keeps the first message per field, in page order', () => {
    const schema = z.object({ a: z.string().min(1, 'Enter a'), b: z.string().min(1, 'Enter b').min(3, 'b too short') });
    const r = schema.safeParse({ b: '', a: '' });
    expect(r.success).toBe(false);
    const e = formErrors(r.error!, ['a', 'b']);
    expect(e.list).toEqual([{ text: 'Enter a', href: '#a' }, { text: 'Enter b', href: '#b' }]);
    expect(e.byField).toEqual({ a: 'Enter a', b: 'Enter b' });
  });
});

describe('pagination', () => {
  const href = (p: number) => `/x?page=${p}`;
  it('has no page links for a single page', () => {
    expect(pagination({ page: 1, pageSize: 10, total: 7, href })).toEqual({ items: [], from: 1, to: 7, total: 7 });
  });
  it('shows first, last and neighbours with ellipses', () => {
    const p = pagination({ page: 5, pageSize: 10, total: 100, href })!;
    expect(p.items.map((i) => ('ellipsis' in i ? '…' : i.number))).toEqual([1, '…', 4, 5, 6, '…', 10]);
    expect(p.previous?.href).toBe('/x?page=4');
    expect(p.next?.href).toBe('/x?page=6');
    expect(p).toMatchObject({ from: 41, to: 50 });
  });
});

describe('navigationFor', () => {
  it('marks the current page and the active section', () => {
    expect(navigationFor('admin', '/admin/users')[1]).toMatchObject({ href: '/admin/users', current: true });
    expect(navigationFor('admin', '/admin/users/3')[1]).toMatchObject({ href: '/admin/users', active: true });
  });
  it('marks one item only: the page itself, else the closest section', () => {
    const marked = (path: string) => navigationFor('safety', path).filter((i) => i.current || i.active).map((i) => i.href);
    expect(marked('/cases/new')).toEqual(['/cases/new']);
    expect(marked('/cases/CB-2026-00001')).toEqual(['/cases']);
    expect(marked('/actions')).toEqual(['/actions']);
  });
  it('shows admin pages only to admins', () => {
    for (const role of ['safety', 'director', 'trainer'] as const) {
      expect(navigationFor(role, '/').map((i) => i.href)).not.toContain('/admin/users');
    }
  });
});

describe('changesOf', () => {
  it('lists only changed fields', () => {
    expect(changesOf({ before: { email: 'a', role: 'trainer' }, after: { email: 'a', role: 'director' } })).toEqual([
      { field: 'role', before: 'trainer', after: 'director' },
    ]);
  });
  it('lists every field of a creation without a before value', () => {
    expect(changesOf({ before: null, after: { active: true } })).toEqual([{ field: 'active', before: null, after: 'yes' }]);
  });
});
