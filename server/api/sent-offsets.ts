/**
 * Case texts are trimmed before they are scanned, so the scanner's offsets count from the first
 * character that is not a space. A client counts from the first character it sent: findings go out,
 * and confirmations come in, in the client's offsets.
 */
export function sentOffsets(body: unknown) {
  const lead = (field: string) => {
    const sent = (body as Record<string, unknown> | null | undefined)?.[field];
    return typeof sent === 'string' ? sent.length - sent.trimStart().length : 0;
  };
  const shift = <T extends { field: string; start: number; end: number }>(items: readonly T[], by: 1 | -1): T[] =>
    items.map((item) => ({ ...item, start: item.start + by * lead(item.field), end: item.end + by * lead(item.field) }));
  return {
    /** Confirmations as the client counted, as the service counts. */
    toStored: <T extends { field: string; start: number; end: number }>(confirmations: readonly T[]) => shift(confirmations, -1),
    /** Findings as the service counted, as the client counts. */
    toSent: <T extends { field: string; start: number; end: number }>(findings: readonly T[]) => shift(findings, 1),
  };
}
