/**
 * Text as the detectors read it: full-width letters and digits, other scripts' digits and the many
 * Unicode spaces and dashes become their plain ASCII look-alikes, so "９４３ ４７６ ５９１９" or a
 * postcode typed with a no-break space is found like any other. Characters that show nothing
 * (zero-width spaces, soft hyphens, direction marks) are taken out, so "9\u200b4\u200b3 476 5919"
 * reads as it looks; `at` then maps each folded offset back to the original.
 */

const NON_ASCII = /[^\t\n\r\u0020-\u007e]/;
const DECIMAL_DIGIT = /\p{Nd}/u;
const SPACE = 0x20;
const HYPHEN = 0x2d;
/** A noncharacter: marks a unit that shows nothing, for taking out. */
const GONE = 0xffff;

const isDecimalDigit = (unit: number) => unit < 0xd800 || unit > 0xdfff ? DECIMAL_DIGIT.test(String.fromCharCode(unit)) : false;

/** Unicode encodes each script's digits 0 to 9 in a row (a stability guarantee): the run's start is zero. */
function digitValue(unit: number): number {
  let back = 0;
  while (back < 9 && isDecimalDigit(unit - back - 1)) back++;
  return back % 10;
}

/** Spaces of every width. */
const WIDE_SPACE = (unit: number) => unit === 0xa0 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x202f || unit === 0x205f || unit === 0x3000;

/** Characters that show nothing: soft hyphens, zero-width spaces and joiners, direction marks, variation selectors. */
const INVISIBLE = (unit: number) =>
  unit === 0xad ||
  unit === 0x34f ||
  unit === 0x180e ||
  (unit >= 0x200b && unit <= 0x200f) ||
  (unit >= 0x202a && unit <= 0x202e) ||
  (unit >= 0x2060 && unit <= 0x2064) ||
  (unit >= 0x2066 && unit <= 0x2069) ||
  (unit >= 0xfe00 && unit <= 0xfe0f) ||
  unit === 0xfeff;

const folded = new Map<number, number>();

function foldUnit(unit: number): number {
  if (unit >= 0xff01 && unit <= 0xff5e) return unit - 0xfee0; // full-width ASCII
  if (WIDE_SPACE(unit)) return SPACE;
  if (INVISIBLE(unit)) return GONE;
  if ((unit >= 0x2010 && unit <= 0x2015) || unit === 0x2212 || unit === 0xfe58 || unit === 0xfe63 || unit === 0x2043 || unit === 0x02d7 || unit === 0x2e3a || unit === 0x2e3b || unit === 0x30fc) return HYPHEN;
  if (isDecimalDigit(unit)) return 0x30 + digitValue(unit);
  return unit;
}

export type Folded = {
  text: string;
  /** The original offset of a folded one, when characters were taken out; otherwise they are the same. */
  at?: (offset: number) => number;
};

export function foldForScanning(original: string): Folded {
  if (!NON_ASCII.test(original)) return { text: original };
  const units = new Uint16Array(original.length);
  let gone = 0;
  for (let i = 0; i < original.length; i++) {
    const unit = original.charCodeAt(i);
    if (unit < 0x80) {
      units[i] = unit;
      continue;
    }
    let f = folded.get(unit);
    if (f === undefined) folded.set(unit, (f = foldUnit(unit)));
    units[i] = f;
    if (f === GONE) gone++;
  }
  if (!gone) return { text: new TextDecoder('utf-16le').decode(units) };
  const kept = new Uint16Array(units.length - gone);
  const origin = new Uint32Array(kept.length + 1);
  let n = 0;
  for (let i = 0; i < units.length; i++) {
    if (units[i] === GONE) continue;
    origin[n] = i;
    kept[n++] = units[i]!;
  }
  origin[n] = original.length;
  return { text: new TextDecoder('utf-16le').decode(kept), at: (offset) => origin[offset]! };
}
