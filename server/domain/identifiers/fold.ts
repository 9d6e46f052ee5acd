/**
 * Text as the detectors read it: full-width letters and digits, other scripts' digits, the many
 * Unicode spaces and dashes, and invisible joiners all become their plain ASCII look-alikes, so
 * "９４３ ４７６ ５９１９" or a postcode typed with a no-break space is found like any other. Every
 * UTF-16 unit becomes exactly one, so offsets into the folded text are offsets into the original.
 */

const NON_ASCII = /[^\t\n\r\u0020-\u007e]/;
const DECIMAL_DIGIT = /\p{Nd}/u;
const SPACE = 0x20;
const HYPHEN = 0x2d;

const isDecimalDigit = (unit: number) => unit < 0xd800 || unit > 0xdfff ? DECIMAL_DIGIT.test(String.fromCharCode(unit)) : false;

/** Unicode encodes each script's digits 0 to 9 in a row (a stability guarantee): the run's start is zero. */
function digitValue(unit: number): number {
  let back = 0;
  while (back < 9 && isDecimalDigit(unit - back - 1)) back++;
  return back % 10;
}

/** Spaces of every width, and the characters that show nothing: joiners, direction marks, variation selectors. */
const INVISIBLE_OR_SPACE = (unit: number) =>
  unit === 0xa0 ||
  unit === 0xad ||
  unit === 0x34f ||
  unit === 0x180e ||
  (unit >= 0x2000 && unit <= 0x200f) ||
  (unit >= 0x202a && unit <= 0x202f) ||
  (unit >= 0x205f && unit <= 0x2064) ||
  (unit >= 0x2066 && unit <= 0x2069) ||
  unit === 0x3000 ||
  (unit >= 0xfe00 && unit <= 0xfe0f) ||
  unit === 0xfeff;

const folded = new Map<number, number>();

function foldUnit(unit: number): number {
  if (unit >= 0xff01 && unit <= 0xff5e) return unit - 0xfee0; // full-width ASCII
  if (INVISIBLE_OR_SPACE(unit)) return SPACE;
  if ((unit >= 0x2010 && unit <= 0x2015) || unit === 0x2212 || unit === 0xfe58 || unit === 0xfe63 || unit === 0x2043 || unit === 0x02d7 || unit === 0x2e3a || unit === 0x2e3b || unit === 0x30fc) return HYPHEN;
  if (isDecimalDigit(unit)) return 0x30 + digitValue(unit);
  return unit;
}

export function foldForScanning(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      units[i] = unit;
      continue;
    }
    let f = folded.get(unit);
    if (f === undefined) folded.set(unit, (f = foldUnit(unit)));
    units[i] = f;
  }
  return new TextDecoder('utf-16le').decode(units);
}
