/**
 * A tiny SVG builder whose only way to emit raw markup is another element it built: every string
 * child and attribute value is escaped, so chart titles and filter labels chosen by users cannot
 * inject markup into a page that wraps the result in a SafeString.
 */

const brand = Symbol('svg-markup');

/** Markup produced by `el` or `fragment`; it cannot be made from a plain string outside this module. */
export class SvgMarkup {
  readonly #html: string;

  constructor(token: typeof brand, html: string) {
    if (token !== brand) throw new TypeError('SvgMarkup is built with el() or fragment()');
    this.#html = html;
  }

  toString(): string {
    return this.#html;
  }
}

export type SvgChild = SvgMarkup | string | null | undefined | false | readonly SvgChild[];
export type SvgAttrValue = string | number | null | undefined | false;

const NAME = /^[A-Za-z][\w:.-]*$/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * A coordinate as written into markup: two decimals keep the SVG small. A non-finite value is a bug in
 * the caller's geometry, and failing loudly beats drawing "NaN" that browsers silently ignore.
 */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Non-finite number in SVG: ${n}`);
  const rounded = Math.round(n * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

function renderChildren(children: readonly SvgChild[]): string {
  let out = '';
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (child instanceof SvgMarkup) out += child.toString();
    else if (typeof child === 'string') out += escapeXml(child);
    else out += renderChildren(child);
  }
  return out;
}

export function el(name: string, attrs: Record<string, SvgAttrValue> = {}, ...children: SvgChild[]): SvgMarkup {
  if (!NAME.test(name)) throw new TypeError(`Bad element name: ${name}`);
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (!NAME.test(key)) throw new TypeError(`Bad attribute name: ${key}`);
    open += ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  const inner = renderChildren(children);
  return new SvgMarkup(brand, inner === '' ? `${open}/>` : `${open}>${inner}</${name}>`);
}

export function fragment(...children: SvgChild[]): SvgMarkup {
  return new SvgMarkup(brand, renderChildren(children));
}

/** An SVG path through the points: M x,y L x,y … with coordinates checked by `num`. */
export function pathData(points: readonly (readonly [number, number])[], close = false): string {
  const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)},${num(y)}`).join(' ');
  return close ? `${d} Z` : d;
}

/** Turns an id into one safe for `id` and `aria-labelledby` lists, where spaces would split it. */
export function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `c-${cleaned}`;
}
