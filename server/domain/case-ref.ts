/** Case references: `CB-YYYY-NNNNN`, the year of first save and a sequence within it. */

const REF = /^CB-(\d{4})-(\d{5})$/;

export function formatRef(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`Invalid reference year ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99_999) throw new RangeError(`Invalid reference sequence ${sequence}`);
  return `CB-${year}-${String(sequence).padStart(5, '0')}`;
}

export function parseRef(ref: string): { year: number; sequence: number } | undefined {
  const m = REF.exec(ref.trim().toUpperCase());
  return m ? { year: Number(m[1]), sequence: Number(m[2]) } : undefined;
}

export const isRef = (value: string): boolean => parseRef(value) !== undefined;

/** A reference as typed, for a message: long enough to recognise, never the whole of a long address. */
export const refAsTyped = (raw: unknown): string => {
  const s = String(raw);
  return s.length <= 24 ? s : `${s.slice(0, 24)}…`;
};
