export type PaginationView = {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current?: boolean } | { ellipsis: true })[];
  from: number;
  to: number;
  total: number;
};

/** Page links in the shape of the NHS pagination component, with ellipses when there are many pages. */
export function pagination(opts: { page: number; pageSize: number; total: number; href: (page: number) => string }): PaginationView | undefined {
  const pages = Math.max(1, Math.ceil(opts.total / opts.pageSize));
  const page = Math.min(opts.page, pages);
  const from = opts.total === 0 ? 0 : (page - 1) * opts.pageSize + 1;
  const to = Math.min(opts.total, page * opts.pageSize);
  if (pages <= 1) return { items: [], from, to, total: opts.total };
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: PaginationView['items'] = [];
  shown.forEach((p, i) => {
    if (i > 0 && p - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: p, href: opts.href(p), ...(p === page ? { current: true } : {}) });
  });
  return {
    ...(page > 1 ? { previous: { href: opts.href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: opts.href(page + 1) } } : {}),
    items,
    from,
    to,
    total: opts.total,
  };
}
