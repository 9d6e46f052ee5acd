/**
 * Each case's theme or factor codes, side by side in one typed array. As a small array per case
 * they were 200,000 objects at 100,000 cases: most of what the garbage collector walked, and most
 * of the time to read a snapshot back.
 */
import { grown } from './typed-arrays.ts';
export type FlatCodes = { offsets: Uint32Array; codes: Uint16Array };

export class CodeLists {
  start: Uint32Array = new Uint32Array(1024);
  count: Uint8Array = new Uint8Array(1024);
  codes: Uint16Array = new Uint16Array(4096);
  private used = 0;

  set(slot: number, list: readonly number[]): void {
    if (this.start.length <= slot) {
      this.start = grown(this.start, slot + 1);
      this.count = grown(this.count, slot + 1);
    }
    if (this.codes.length < this.used + list.length) this.codes = grown(this.codes, this.used + list.length);
    const n = Math.min(list.length, 255);
    this.start[slot] = this.used;
    this.count[slot] = n;
    for (let i = 0; i < n; i++) this.codes[this.used + i] = list[i]!;
    this.used += n;
  }

  /** Forgets a case's codes; the room is not reused (a few bytes an edit). */
  clear(slot: number): void {
    if (slot < this.count.length) this.count[slot] = 0;
  }

  /** A case's codes as a fresh array, for the few places that keep them. */
  list(slot: number): number[] {
    const out: number[] = [];
    const from = this.start[slot]!;
    for (let j = from; j < from + this.count[slot]!; j++) out.push(this.codes[j]!);
    return out;
  }

  /** Whether any of the case's codes is allowed. */
  some(slot: number, allow: Set<number>): boolean {
    const from = this.start[slot]!;
    for (let j = from; j < from + this.count[slot]!; j++) if (allow.has(this.codes[j]!)) return true;
    return false;
  }

  flat(slots: number): FlatCodes {
    const offsets = new Uint32Array(slots + 1);
    for (let i = 0; i < slots; i++) offsets[i + 1] = offsets[i]! + this.count[i]!;
    const codes = new Uint16Array(offsets[slots]!);
    // Copied a code at a time: a view per case to copy from (`subarray`) made 200,000 objects at
    // 100,000 cases, and taking a snapshot held requests for 35 ms.
    for (let i = 0, at = 0; i < slots; i++) {
      const from = this.start[i]!;
      for (let j = from, end = from + this.count[i]!; j < end; j++) codes[at++] = this.codes[j]!;
    }
    return { offsets, codes };
  }

  static fromFlat(f: FlatCodes): CodeLists {
    const c = new CodeLists();
    const slots = f.offsets.length - 1;
    c.start = new Uint32Array(Math.max(1024, slots));
    c.count = new Uint8Array(Math.max(1024, slots));
    for (let i = 0; i < slots; i++) {
      const n = f.offsets[i + 1]! - f.offsets[i]!;
      if (n > 255 || f.offsets[i + 1]! > f.codes.length) throw new Error("The snapshot's code lists are damaged");
      c.start[i] = f.offsets[i]!;
      c.count[i] = n;
    }
    c.codes = f.codes;
    c.used = f.codes.length;
    return c;
  }
}

