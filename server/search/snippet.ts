/**
 * The snippet under each result: about thirty words from the field that best shows why the case
 * matched, with the matched words marked. Text stays raw; the caller escapes it and adds `<mark>`.
 */
import { type Token, tokenize } from '../domain/search-query.ts';
import type { SnippetSegment } from './types.ts';

const WINDOW = 30;
const LEAD = 4;

/** Fields in order of preference when they match equally well: people write the story in these. */
export function snippet(fields: string[], terms: Set<string>): SnippetSegment[] {
  let best: { tokens: Token[]; text: string; hits: number } | null = null;
  for (const text of fields) {
    if (!text) continue;
    const tokens = tokenize(text);
    const hits = new Set(tokens.filter((t) => terms.has(t.term)).map((t) => t.term)).size;
    if (!best || hits > best.hits) best = { tokens, text, hits };
  }
  if (!best) return [];
  const { tokens, text } = best;
  let start = 0;
  if (best.hits > 0) {
    let bestCount = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (!terms.has(tokens[i]!.term)) continue;
      const seen = new Set<string>();
      let marks = 0;
      for (let j = i; j < Math.min(tokens.length, i + WINDOW - LEAD); j++) {
        const t = tokens[j]!.term;
        if (terms.has(t)) {
          seen.add(t);
          marks++;
        }
      }
      const count = seen.size * 100 + marks;
      if (count > bestCount) {
        bestCount = count;
        start = Math.max(0, i - LEAD);
      }
    }
  }
  const end = Math.min(tokens.length, start + WINDOW);
  const out: SnippetSegment[] = [];
  let pos = start === 0 ? 0 : tokens[start]!.start;
  const push = (s: string, mark: boolean) => {
    if (!s) return;
    const last = out.at(-1);
    if (last && last.mark === mark) last.text += s;
    else out.push({ text: s, mark });
  };
  if (start > 0) push('… ', false);
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (!terms.has(t.term)) continue;
    push(text.slice(pos, t.start), false);
    push(text.slice(t.start, t.end), true);
    pos = t.end;
  }
  const stop = end >= tokens.length ? text.length : tokens[end - 1]!.end;
  push(text.slice(pos, stop), false);
  if (end < tokens.length) push(' …', false);
  return out;
}
