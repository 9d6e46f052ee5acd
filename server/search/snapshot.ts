/**
 * The search index on disk, so a restart reads it back instead of re-reading and re-tokenising
 * every case: a JSON header, then each typed array as raw bytes and each list of strings as UTF-8
 * with byte lengths. Written to a temporary file and renamed, so a crash mid-write leaves the last
 * good snapshot. Strings are encoded and decoded a slice at a time, yielding in between, because
 * 100,000 narratives take longer than a request should wait.
 */
import { isAscii } from 'node:buffer';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import type { PostingsParts } from './postings.ts';
import { slicer } from './slices.ts';
import type { StoreParts } from './store.ts';
import { isTextRange, TextFile, type TextParts, type TextRange } from './texts.ts';

const MAGIC = 'casebook-search-index\n';
/** 2: the label sets moved from the JSON header to a strings section, as their 3 MB took 25-60 ms to encode or parse in one go. */
const FORMAT = 2;
/**
 * Bytes per read. Each read faults in fresh memory for the whole of its chunk, and while two reads
 * do that the request thread waited for the kernel: 16 MB reads held it up to 55 ms, 4 MB reads
 * under 20 ms, for nearly the same total time.
 */
const READ_CHUNK = 4 * 1024 * 1024;
/** Sections the index keeps as its own arrays; every other typed section is copied out while restoring. */
const KEPT = new Set(['data']);
/** The case texts: left in the file and read a case at a time (texts.ts). */
const TEXT_BYTES = 'text.bytes';
const REST = 'rest';

/**
 * `marker`: the newest audit event the index reflects, and `markerAt` its time, which tells this
 * database from another; `fingerprint`: the synonyms and labels it was built with.
 */
export type SnapshotMeta = { marker: number; markerAt: string | null; fingerprint: string };
export type SnapshotParts = { postings: PostingsParts; store: StoreParts };

type Typed = Uint8Array | Uint16Array | Uint32Array | Float64Array;
type Kind = 'u8' | 'u16' | 'u32' | 'f64' | 'strings';
type Section = { name: string; kind: Kind; offset: number; bytes: number; count: number };
type Header = { format: number; meta: SnapshotMeta; sections: Section[]; codes: StoreParts['codes']; terms: string };

async function encodeStrings(list: string[]): Promise<Buffer[]> {
  const lengths = new Uint32Array(list.length);
  const chunks: Buffer[] = [Buffer.from(lengths.buffer)];
  const pause = slicer();
  for (let i = 0; i < list.length; i++) {
    const b = Buffer.from(list[i]!, 'utf8');
    lengths[i] = b.length;
    chunks.push(b);
    await pause();
  }
  return chunks;
}

async function decodeStrings(buf: Buffer, s: Section): Promise<string[]> {
  const lengths = new Uint32Array(s.count);
  new Uint8Array(lengths.buffer).set(buf.subarray(s.offset, s.offset + s.count * 4));
  const out = new Array<string>(s.count);
  const first = s.offset + s.count * 4;
  const last = s.offset + s.bytes;
  // ASCII (every reference, most label sets) is decoded in one go and cut up, its byte offsets
  // being its character offsets: decoding 100,000 references one by one took 35-110 ms.
  const ascii = first <= last && isAscii(buf.subarray(first, last)) ? buf.toString('latin1', first, last) : undefined;
  const pause = slicer();
  for (let i = 0, at = first; i < s.count; i++) {
    const end = at + lengths[i]!;
    if (end > last) throw new Error(`Snapshot section ${s.name} runs past its end`);
    out[i] = ascii === undefined ? buf.toString('utf8', at, end) : ascii.slice(at - first, end - first);
    at = end;
    if (i % 256 === 255) await pause();
  }
  return out;
}

const KIND_OF = (a: Typed): Kind => (a instanceof Uint8Array ? 'u8' : a instanceof Uint16Array ? 'u16' : a instanceof Float64Array ? 'f64' : 'u32');

/** Writes the snapshot; returns its size in bytes. */
export async function writeSnapshot(file: string, meta: SnapshotMeta, parts: SnapshotParts): Promise<number> {
  const { postings: p, store: s } = parts;
  const typed: [string, Typed][] = [
    ['data', p.data], ['start', p.start], ['len', p.len],
    ['status', s.status], ['month', s.month], ['source', s.source], ['department', s.department], ['modality', s.modality], ['harm', s.harm], ['labelSet', s.labelSet],
    ...s.fieldLength.map((a, f): [string, Typed] => [`fieldLength${f}`, a]),
    ['themes.offsets', s.themes.offsets], ['themes.codes', s.themes.codes], ['factors.offsets', s.factors.offsets], ['factors.codes', s.factors.codes], ['ids', s.ids],
    ['text.start', s.text.start], ['text.lengths', s.text.lengths],
  ];
  const strings: [string, string[]][] = [['refs', s.refs], ['labelSets', s.labelSets]];
  const body: (Buffer | TextRange)[] = [];
  const sections: Section[] = [];
  let offset = 0;
  const push = (name: string, kind: Kind, count: number, chunks: (Buffer | TextRange)[]) => {
    const bytes = chunks.reduce((n, c) => n + (isTextRange(c) ? c.to - c.from : c.length), 0);
    sections.push({ name, kind, offset, bytes, count });
    for (const c of chunks) body.push(c);
    // Every section starts on an 8-byte boundary so typed arrays can be copied straight out.
    const pad = (8 - (bytes % 8)) % 8;
    if (pad) body.push(Buffer.alloc(pad));
    offset += bytes + pad;
  };
  for (const [name, a] of typed) push(name, KIND_OF(a), a.length, [Buffer.from(a.buffer, a.byteOffset, a.byteLength)]);
  const textChunks = s.text.chunks.map((c) => (isTextRange(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
  push(TEXT_BYTES, 'u8', textChunks.reduce((n, c) => n + (isTextRange(c) ? c.to - c.from : c.length), 0), textChunks);
  for (const [name, list] of strings) push(name, 'strings', list.length, await encodeStrings(list));
  const header: Header = { format: FORMAT, meta, sections, codes: s.codes, terms: p.terms };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = Buffer.alloc(MAGIC.length + 4);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(json.length, MAGIC.length);
  const headPad = Buffer.alloc((8 - ((lead.length + json.length) % 8)) % 8);
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writev([lead, json, headPad]);
    await writeBody(fh, body);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file).catch(async (err: unknown) => {
    await rm(tmp, { force: true });
    throw err;
  });
  return lead.length + json.length + headPad.length + offset;
}

/** Buffers as they are; texts still in the last snapshot's file are copied from it a piece at a time. */
async function writeBody(fh: FileHandle, body: (Buffer | TextRange)[]): Promise<void> {
  let pending: Buffer[] = [];
  const flush = async () => {
    // writev takes at most IOV_MAX buffers at once.
    for (let i = 0; i < pending.length; i += 1000) await fh.writev(pending.slice(i, i + 1000));
    pending = [];
  };
  let piece: Buffer | undefined;
  for (const c of body) {
    if (!isTextRange(c)) {
      pending.push(c);
      continue;
    }
    await flush();
    piece ??= Buffer.allocUnsafe(READ_CHUNK);
    for (let at = c.from; at < c.to; at += READ_CHUNK) {
      const n = Math.min(READ_CHUNK, c.to - at);
      await c.file.readInto(piece, at, n);
      await fh.write(piece, 0, n);
    }
  }
  await flush();
}

type ReadJob = { into: Uint8Array; position: number };

/**
 * Fills each job's array from the file, a few megabytes per read so other work runs in between.
 * Two reads at a time: the kernel's copying and the faulting-in of fresh memory then use both cores,
 * which nearly halves the time for a large file, while two of libuv's four threads stay free for
 * the requests being served meanwhile.
 */
async function readAll(fh: FileHandle, jobs: ReadJob[]): Promise<void> {
  const reads = jobs.flatMap(({ into, position }) =>
    Array.from({ length: Math.ceil(into.length / READ_CHUNK) }, (_, i) => ({ into, at: i * READ_CHUNK, position: position + i * READ_CHUNK })),
  );
  let next = 0;
  const lane = async () => {
    while (next < reads.length) {
      const { into, at, position } = reads[next++]!;
      for (let done = at, end = Math.min(at + READ_CHUNK, into.length); done < end; ) {
        const { bytesRead } = await fh.read(into, done, end - done, position + done - at);
        if (bytesRead === 0) throw new Error('Snapshot ends early');
        done += bytesRead;
      }
    }
  };
  await Promise.all([lane(), lane()]);
}

/**
 * `close` lets go of the file the case texts are read from (texts.ts), for a caller that does not
 * restore an index from the snapshot after all; an index restored from it closes the file itself.
 */
export type Snapshot = { meta: SnapshotMeta; parts: SnapshotParts; bytes: number; close: () => Promise<void> };

/** The snapshot in `file`, or undefined when there is none; throws when it is damaged or of another format. */
export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return await readOpen(fh);
  } catch (err) {
    await fh.close();
    throw err;
  }
}

async function readOpen(fh: FileHandle): Promise<Snapshot> {
  const size = (await fh.stat()).size;
  const lead = Buffer.alloc(MAGIC.length + 4);
  await readAll(fh, [{ into: lead, position: 0 }]);
  if (lead.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('Not a search index snapshot');
  const jsonLength = lead.readUInt32LE(MAGIC.length);
  if (lead.length + jsonLength > size) throw new Error('Snapshot header runs past the end of the file');
  const json = Buffer.alloc(jsonLength);
  await readAll(fh, [{ into: json, position: lead.length }]);
  const header = JSON.parse(json.toString('utf8')) as Header;
  if (header.format !== FORMAT) throw new Error(`Snapshot format ${header.format}, expected ${FORMAT}`);
  const headEnd = lead.length + jsonLength;
  const base = headEnd + ((8 - (headEnd % 8)) % 8);
  const byName = new Map(header.sections.map((s) => [s.name, { ...s, offset: s.offset + base }]));
  const section = (name: string, kind: Kind) => {
    const s = byName.get(name);
    if (!s || s.kind !== kind || s.offset + s.bytes > size) throw new Error(`Snapshot section ${name} is missing or damaged`);
    return s;
  };
  // Each section is read straight into its array: no second copy of a 200 MB file. What the index
  // keeps has a buffer of its own, so it is let go on its own; the arrays it copies out and drops
  // are views onto one shared buffer. Allocating twenty arrays apart made V8 collect garbage for
  // "external memory pressure" again and again, holding requests for 35 ms at 100,000 cases.
  const place = new Map<string, { pool: string; at: number }>();
  const poolBytes = new Map<string, number>();
  for (const s of byName.values()) {
    if (s.kind === 'strings' || s.name === TEXT_BYTES) continue;
    // Checked before anything is allocated: a damaged header must not ask for gigabytes.
    if (!(s.bytes >= 0 && s.offset + s.bytes <= size)) throw new Error(`Snapshot section ${s.name} is missing or damaged`);
    const pool = KEPT.has(s.name) ? s.name : REST;
    const at = poolBytes.get(pool) ?? 0;
    place.set(s.name, { pool, at });
    poolBytes.set(pool, at + s.bytes + ((8 - (s.bytes % 8)) % 8));
  }
  const pools = new Map([...poolBytes].map(([pool, bytes]) => [pool, new ArrayBuffer(bytes)]));
  const jobs: ReadJob[] = [];
  const typed = <T extends Typed>(name: string, make: { new (buffer: ArrayBuffer, at: number, n: number): T; BYTES_PER_ELEMENT: number }, kind: Kind): T => {
    const s = section(name, kind);
    const { pool, at } = place.get(name)!;
    if (s.bytes !== s.count * make.BYTES_PER_ELEMENT) throw new Error(`Snapshot section ${name} has the wrong size`);
    const a = new make(pools.get(pool)!, at, s.count);
    jobs.push({ into: new Uint8Array(a.buffer, a.byteOffset, a.byteLength), position: s.offset });
    return a;
  };
  const u8 = (n: string) => typed(n, Uint8Array, 'u8');
  const u16 = (n: string) => typed(n, Uint16Array, 'u16');
  const u32 = (n: string) => typed(n, Uint32Array, 'u32');
  const stringSection = (name: string) => {
    const s = section(name, 'strings');
    const bytes = Buffer.alloc(s.bytes);
    jobs.push({ into: bytes, position: s.offset });
    return { bytes, s: { ...s, offset: 0 } };
  };
  const refsSection = stringSection('refs');
  const labelSetsSection = stringSection('labelSets');
  const textBytes = section(TEXT_BYTES, 'u8');
  const textFile = new TextFile(fh, textBytes.offset, textBytes.bytes);
  const text: TextParts = { chunks: [{ file: textFile, from: 0, to: textBytes.bytes, owned: true }], start: typed('text.start', Float64Array, 'f64'), lengths: u32('text.lengths') };
  const parts = {
    status: u8('status'), month: u16('month'), source: u16('source'), department: u16('department'), modality: u16('modality'), harm: u16('harm'), labelSet: u32('labelSet'),
    fieldLength: [u16('fieldLength0'), u16('fieldLength1'), u16('fieldLength2'), u16('fieldLength3')],
    themes: { offsets: u32('themes.offsets'), codes: u16('themes.codes') },
    factors: { offsets: u32('factors.offsets'), codes: u16('factors.codes') },
    ids: u32('ids'), text, codes: header.codes,
  };
  const postings: PostingsParts = { terms: header.terms, data: u32('data'), start: u32('start'), len: u32('len') };
  await readAll(fh, jobs);
  const refs = await decodeStrings(refsSection.bytes, refsSection.s);
  const labelSets = await decodeStrings(labelSetsSection.bytes, labelSetsSection.s);
  const store: StoreParts = { ...parts, refs, labelSets };
  const slots = store.status.length;
  const lengths = [store.month, store.labelSet, store.ids, ...store.fieldLength].map((a) => a.length);
  if (lengths.some((n) => n !== slots) || refs.length !== slots || text.start.length !== slots || store.themes.offsets.length !== slots + 1 || store.factors.offsets.length !== slots + 1) {
    throw new Error('Snapshot sections disagree on the number of cases');
  }
  return { meta: header.meta, parts: { postings, store }, bytes: size, close: () => textFile.close() };
}
