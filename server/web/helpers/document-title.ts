/**
 * The <title>: "Error: " first while the page shows an error summary, as the NHS error-summary
 * pattern asks. Pages whose errors live elsewhere (a note on the case page, a chart's rebase form)
 * put it in their own title; it is never said twice.
 */
export function documentTitle(pageTitle: unknown, errors: unknown): string {
  const title = typeof pageTitle === 'string' ? pageTitle : '';
  const shown = (errors as { list?: unknown[] } | undefined)?.list?.length;
  return shown && !title.startsWith('Error: ') ? `Error: ${title}` : title;
}
