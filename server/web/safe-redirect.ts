/** Only same-site paths: `/admin/users` yes; `//evil.example`, `https://…`, `/\evil` no. */
export function safeNextPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  if (next.startsWith('/sign-in') || next.startsWith('/sign-out')) return fallback;
  return next;
}
