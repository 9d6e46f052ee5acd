/**
 * The words of every indexed case as UTF-8 in blocks of bytes, read back only for the few cases a
 * query shows (snippets), checks (phrases) or compares (similar cases). Held as 400,000 strings at
 * 100,000 cases they were a third of the heap, most of the garbage collector's work while the index
 * loaded, and had to be decoded one by one from a snapshot; as bytes they are read in one go.
 * Blocks, not one growing buffer: growing by doubling copied every byte again and again, and fresh
 * memory is slow to touch on this kind of machine.
 */
import { TEXT_FIELDS, type TextField } from './postings.ts';
import { grown } from './typed-arrays.ts';

const FIELDS = TEXT_FIELDS.length;
const BLOCK = 1 << 20;
export type CaseText = Record<TextField, string>;
/** For a snapshot: the live texts in slot order as `chunks` (to be written one after another), each slot's offset into them, and field lengths. */
export type TextParts = { chunks: Uint8Array[]; start: Float64Array; lengths: Uint32Array };

export class TextStore {
  private blocks: Buffer[] = [];
  /** Bytes written into the last block. */
  private fill = 0;
  private used = 0;
  private wasted = 0;
  private block: Uint32Array = new Uint32Array(1024);
  private start: Float64Array = new Float64Array(1024);
  private lengths: Uint32Array = new Uint32Array(1024 * FIELDS);

  put(slot: number, text: CaseText): void {
    if (this.start.length <= slot) {
      this.block = grown(this.block, slot + 1);
      this.start = grown(this.start, slot + 1);
      this.lengths = grown(this.lengths, (slot + 1) * FIELDS);
    }
    // A UTF-16 unit never takes more than 3 bytes in UTF-8: room for that, rather than measuring first.
    let need = 0;
    for (const f of TEXT_FIELDS) need += text[f].length * 3;
    let last = this.blocks.at(-1);
    if (!last || this.fill + need > last.length) {
      last = Buffer.allocUnsafe(Math.max(BLOCK, need));
      this.blocks.push(last);
      this.fill = 0;
    }
    this.block[slot] = this.blocks.length - 1;
    this.start[slot] = this.fill;
    for (let f = 0; f < FIELDS; f++) {
      const n = last.write(text[TEXT_FIELDS[f]!], this.fill, 'utf8');
      this.lengths[slot * FIELDS + f] = n;
      this.fill += n;
      this.used += n;
    }
  }

  field(slot: number, f: number): string {
    let at = this.start[slot]!;
    for (let i = 0; i < f; i++) at += this.lengths[slot * FIELDS + i]!;
    const n = this.lengths[slot * FIELDS + f]!;
    return n === 0 ? '' : this.blocks[this.block[slot]!]!.toString('utf8', at, at + n);
  }

  all(slot: number): CaseText {
    return { title: this.field(slot, 0), learning: this.field(slot, 1), narrative: this.field(slot, 2), notes: this.field(slot, 3) };
  }

  /** Forgets a case's text; the bytes are reclaimed by the next compaction. */
  drop(slot: number): void {
    for (let f = 0; f < FIELDS; f++) {
      this.wasted += this.lengths[slot * FIELDS + f]!;
      this.lengths[slot * FIELDS + f] = 0;
    }
  }

  /** Copies the live texts into fresh blocks when at least a quarter of what is held is dropped text. */
  compact(slots: number): void {
    if (this.wasted * 4 < this.used) return;
    const old = { blocks: this.blocks, block: this.block.slice(), start: this.start.slice() };
    this.blocks = [];
    this.fill = this.used = this.wasted = 0;
    for (let slot = 0; slot < slots; slot++) {
      const n = this.size(slot);
      if (n === 0) continue;
      let last = this.blocks.at(-1);
      if (!last || this.fill + n > last.length) {
        last = Buffer.allocUnsafe(Math.max(BLOCK, n));
        this.blocks.push(last);
        this.fill = 0;
      }
      old.blocks[old.block[slot]!]!.copy(last, this.fill, old.start[slot]!, old.start[slot]! + n);
      this.block[slot] = this.blocks.length - 1;
      this.start[slot] = this.fill;
      this.fill += n;
      this.used += n;
    }
  }

  /**
   * Views onto the live texts, not copies: blocks are only ever appended to, never overwritten.
   * Cases stored one after another in a block make one view, so a fresh index is a view a block.
   */
  parts(slots: number): TextParts {
    const chunks: Uint8Array[] = [];
    const start = new Float64Array(slots);
    let at = 0;
    let run = { block: -1, from: 0, to: 0 };
    const flush = () => {
      if (run.block >= 0) chunks.push(this.blocks[run.block]!.subarray(run.from, run.to));
    };
    for (let slot = 0; slot < slots; slot++) {
      const n = this.size(slot);
      start[slot] = at;
      if (n === 0) continue;
      const block = this.block[slot]!;
      const from = this.start[slot]!;
      if (block === run.block && from === run.to) run.to += n;
      else {
        flush();
        run = { block, from, to: from + n };
      }
      at += n;
    }
    flush();
    return { chunks, start, lengths: this.lengths.slice(0, slots * FIELDS) };
  }

  /** The store a snapshot describes: its bytes become the first block. */
  static fromParts(p: TextParts): TextStore {
    const t = new TextStore();
    const slots = p.start.length;
    const bytes = p.chunks.length === 1 ? p.chunks[0]! : Buffer.concat(p.chunks);
    if (p.lengths.length !== slots * FIELDS) throw new Error("The snapshot's text lengths do not match its cases");
    t.blocks = [Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)];
    t.fill = bytes.byteLength;
    t.start = grown(p.start, 1024);
    t.lengths = grown(p.lengths, 1024 * FIELDS);
    t.block = new Uint32Array(t.start.length);
    for (let slot = 0; slot < slots; slot++) {
      if (t.start[slot]! + t.size(slot) > bytes.byteLength) throw new Error("The snapshot's text runs past its end");
      t.used += t.size(slot);
    }
    return t;
  }

  private size(slot: number): number {
    let n = 0;
    for (let f = 0; f < FIELDS; f++) n += this.lengths[slot * FIELDS + f]!;
    return n;
  }
}

