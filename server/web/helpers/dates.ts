// Casebook is used in England: times are shown in UK time whatever the server's zone.
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

const toDate = (v: unknown): Date | null => {
  const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

/** "23 Nov 2026, 09:41" */
export const formatDateTime = (v: unknown): string => {
  const d = toDate(v);
  return d ? DATE_TIME.format(d) : '';
};

export const isoDate = (v: unknown): string => toDate(v)?.toISOString() ?? '';
