/**
 * The words of every indexed case as UTF-8 in blocks of bytes, read back only for the few cases a
 * query shows (snippets), checks (phrases) or compares (similar cases). Held as 400,000 strings at
 * 100,000 cases they were a third of the heap, most of the garbage collector's work while the index
 * loaded, and had to be decoded one by one from a snapshot; as bytes they are read in one go.
 * Blocks, not one growing buffer: growing by doubling copied every byte again and again, and fresh
 * memory is slow to touch on this kind of machine.
 *
 * The texts of an index read back from a snapshot stay in the snapshot's file (`TextFile`) and are
 * read a case at a time when needed. Copying them in was 150 MB at 100,000 cases and the longest
 * part of a restart: half a second, nearly all of it the kernel handing over fresh pages, where
 * reading a case's few kilobytes from the page cache takes microseconds.
 */
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { TEXT_FIELDS, type TextField } from './postings.ts';
import { grown } from './typed-arrays.ts';

const FIELDS = TEXT_FIELDS.length;
const BLOCK = 1 << 20;
export type CaseText = Record<TextField, string>;

/**
 * A snapshot's texts in its open file, from `position` for `bytes`. A newer snapshot replaces the
 * file by renaming, so the open one keeps the bytes it was opened with until it is closed.
 */
export class TextFile {
  private closed = false;
  constructor(
    private readonly fh: FileHandle,
    private readonly position: number,
    readonly bytes: number,
  ) {}

  /** `n` bytes from `from` (counted from the start of the texts). */
  read(from: number, n: number): Buffer {
    // Once closed, the descriptor's number may be another file's.
    if (this.closed) throw new Error('The search index snapshot file is closed');
    const out = Buffer.allocUnsafe(n);
    for (let done = 0; done < n; ) {
      const got = readSync(this.fh.fd, out, done, n - done, this.position + from + done);
      if (got === 0) throw new Error('The search index snapshot ends early');
      done += got;
    }
    return out;
  }

  /** As `read`, into `into`, without holding the thread: for copying the texts into a new snapshot. */
  async readInto(into: Buffer, from: number, n: number): Promise<void> {
    if (this.closed) throw new Error('The search index snapshot file is closed');
    for (let done = 0; done < n; ) {
      const { bytesRead } = await this.fh.read(into, done, n - done, this.position + from + done);
      if (bytesRead === 0) throw new Error('The search index snapshot ends early');
      done += bytesRead;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.fh.close();
  }
}

/**
 * Bytes `from` to `to` of a `TextFile`. `owned`: read from a snapshot just now, so the store made
 * from these parts takes the file over; any other range (an index's own parts) is copied in.
 */
export type TextRange = { file: TextFile; from: number; to: number; owned?: true };
export const isTextRange = (c: Uint8Array | TextRange): c is TextRange => !(c instanceof Uint8Array);
/**
 * For a snapshot: the live texts in slot order as `chunks` (to be written one after another), each
 * slot's offset into them, and field lengths.
 */
export type TextParts = { chunks: (Uint8Array | TextRange)[]; start: Float64Array; lengths: Uint32Array };

export class TextStore {
  /** Blocks in memory, after any in a snapshot's file: those come first and stay where they are. */
  private blocks: (Buffer | TextFile)[] = [];
  /** Bytes written into the last block. */
  private fill = 0;
  /** Bytes held in memory, and how many of them belong to dropped cases. */
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
    if (!last || last instanceof TextFile || this.fill + need > last.length) {
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
    if (n === 0) return '';
    const b = this.blocks[this.block[slot]!]!;
    return b instanceof TextFile ? b.read(at, n).toString('utf8') : b.toString('utf8', at, at + n);
  }

  all(slot: number): CaseText {
    const b = this.blocks[this.block[slot]!];
    if (!(b instanceof TextFile)) return { title: this.field(slot, 0), learning: this.field(slot, 1), narrative: this.field(slot, 2), notes: this.field(slot, 3) };
    // One read for the four fields.
    const bytes = b.read(this.start[slot]!, this.size(slot));
    const n = (f: number) => this.lengths[slot * FIELDS + f]!;
    const a = n(0);
    const c = a + n(1);
    const d = c + n(2);
    return { title: bytes.toString('utf8', 0, a), learning: bytes.toString('utf8', a, c), narrative: bytes.toString('utf8', c, d), notes: bytes.toString('utf8', d, d + n(3)) };
  }

  /** Forgets a case's text; bytes in memory are reclaimed by the next compaction. */
  drop(slot: number): void {
    const inMemory = !(this.blocks[this.block[slot]!] instanceof TextFile);
    for (let f = 0; f < FIELDS; f++) {
      if (inMemory) this.wasted += this.lengths[slot * FIELDS + f]!;
      this.lengths[slot * FIELDS + f] = 0;
    }
  }

  /**
   * Copies the live texts held in memory into fresh blocks when at least a quarter of those bytes are
   * dropped text. Texts left in a snapshot's file stay there: their dropped bytes cost no memory.
   */
  compact(slots: number): void {
    if (this.wasted === 0 || this.wasted * 4 < this.used) return;
    const inFile = this.blocks.filter((b) => b instanceof TextFile);
    const old = { blocks: this.blocks, block: this.block.slice(), start: this.start.slice() };
    this.blocks = [...inFile];
    this.fill = this.used = this.wasted = 0;
    for (let slot = 0; slot < slots; slot++) {
      const n = this.size(slot);
      if (n === 0 || old.blocks[old.block[slot]!] instanceof TextFile) continue;
      let last = this.blocks.at(-1);
      if (!last || last instanceof TextFile || this.fill + n > last.length) {
        last = Buffer.allocUnsafe(Math.max(BLOCK, n));
        this.blocks.push(last);
        this.fill = 0;
      }
      (old.blocks[old.block[slot]!] as Buffer).copy(last, this.fill, old.start[slot]!, old.start[slot]! + n);
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
    const chunks: TextParts['chunks'] = [];
    const start = new Float64Array(slots);
    let at = 0;
    let run = { block: -1, from: 0, to: 0 };
    const flush = () => {
      if (run.block < 0) return;
      const b = this.blocks[run.block]!;
      chunks.push(b instanceof TextFile ? { file: b, from: run.from, to: run.to } : b.subarray(run.from, run.to));
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

  /**
   * The store a snapshot describes. Texts left in a file (as `readSnapshot` gives them) are read from
   * there from now on; otherwise their bytes become the first block.
   */
  static fromParts(p: TextParts): TextStore {
    const t = new TextStore();
    const slots = p.start.length;
    if (p.lengths.length !== slots * FIELDS) throw new Error("The snapshot's text lengths do not match its cases");
    const only = p.chunks.length === 1 ? p.chunks[0]! : undefined;
    let size: number;
    if (only && isTextRange(only) && only.owned && only.from === 0) {
      t.blocks = [only.file];
      size = only.to;
    } else {
      const inMemory = p.chunks.map((c) => (isTextRange(c) ? c.file.read(c.from, c.to - c.from) : c));
      const bytes = inMemory.length === 1 ? inMemory[0]! : Buffer.concat(inMemory);
      t.blocks = [Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)];
      t.fill = t.used = size = bytes.byteLength;
    }
    t.start = grown(p.start, 1024);
    t.lengths = grown(p.lengths, 1024 * FIELDS);
    t.block = new Uint32Array(t.start.length);
    for (let slot = 0; slot < slots; slot++) {
      if (t.start[slot]! + t.size(slot) > size) throw new Error("The snapshot's text runs past its end");
    }
    return t;
  }

  /** Lets go of a snapshot's file, if the texts are read from one. */
  async close(): Promise<void> {
    for (const b of this.blocks) if (b instanceof TextFile) await b.close();
  }

  private size(slot: number): number {
    let n = 0;
    for (let f = 0; f < FIELDS; f++) n += this.lengths[slot * FIELDS + f]!;
    return n;
  }
}

