/** `a` when it holds `size` already, else a copy with room for at least `size` (doubling, so appends stay cheap). */
export function grown<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(a: T, size: number): T {
  if (a.length >= size) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}
