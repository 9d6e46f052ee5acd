/**
 * Person names. There is no pattern for a name, so evidence is weighed per word: a title before
 * it, a role or relation word before it, or a first name from the list (a capitalised surname
 * after an ambiguous one). The finding covers the name only, not the title, so "Dr [name]" keeps
 * the sentence readable after redaction.
 */
import {
  AMBIGUOUS_FIRST_NAMES,
  EPONYM_PHRASES,
  EPONYM_WORDS,
  FIRST_NAMES,
  NON_NAME_WORDS,
  ORG_NOUNS,
  PLACE_PREFIXES,
  ROLE_PAIRS,
  ROLE_WORDS,
  SURNAME_PARTICLES,
  TITLES,
} from './name-data.ts';
import { gapBetween, hashSet, isSentenceStart, type Token, tokenize } from './tokens.ts';
import type { Finding } from './types.ts';

// Lower-case words that take part in a rule; every other lower-case word is skipped unread.
const INTERESTING = new Set([
  ...FIRST_NAMES,
  ...AMBIGUOUS_FIRST_NAMES,
  ...ROLE_WORDS,
  ...SURNAME_PARTICLES,
  ...[...ROLE_PAIRS].flatMap((p) => p.split('_')),
]);
const INTERESTING_HASHES = hashSet(INTERESTING);

/** Words of one name are separated by a single space (or a dot and a space after an initial). */
const NAME_GAP_RE = /^[ \u00A0]$/;
const INITIAL_GAP_RE = /^\.?[ \u00A0]$/;
const nameGap = (text: string, a: Token, b: Token) =>
  (a.shape === 'initial' ? INITIAL_GAP_RE : NAME_GAP_RE).test(gapBetween(text, a, b));
const ROLE_GAP_RE = /^(?:,? ?|: ?| ?\( ?)$/;
const TITLE_GAP_RE = /^\.? ?$/;
const PAIR_ENDINGS = new Set([...ROLE_PAIRS].map((p) => p.slice(p.indexOf('_') + 1)));
const VERB_LIKE_RE = /(?:ed|ing|ly)$/;

function isEponym(t: Token): boolean {
  return EPONYM_WORDS.has(t.rawLower) || EPONYM_WORDS.has(t.lower);
}

/** End offset of an eponym or place phrase starting at `t` ("Ivor Lewis"), or -1. */
function eponymPhraseEnd(text: string, t: Token): number {
  const ahead = text.slice(t.start, t.start + 24).toLowerCase();
  const p = EPONYM_PHRASES.find((p) => ahead.startsWith(p) && !/\p{L}/u.test(ahead.charAt(p.length)));
  return p ? t.start + p.length : -1;
}

/** Index of the last token that starts before `end`. */
function lastTokenBefore(tokens: Token[], i: number, end: number): number {
  while (tokens[i + 1] && tokens[i + 1]!.start < end) i++;
  return i;
}

/** Could this word be a surname (or a name after a title or role word)? */
function isNameWord(t: Token | undefined, allowUpper: boolean): t is Token {
  if (!t) return false;
  if (t.shape !== 'title' && !(allowUpper && t.shape === 'upper')) return false;
  return !NON_NAME_WORDS.has(t.lower) && !ORG_NOUNS.has(t.lower) && !TITLES.has(t.lower);
}

/**
 * Extends a name from tokens[i] over following surname words; returns the index of the last word.
 * Stops at a possessive ("Smith's report") because the name ends there.
 */
function extendName(text: string, tokens: Token[], i: number, allowUpper: boolean, maxWords: number): number {
  let last = i;
  let words = 1;
  while (words < maxWords && tokens[last]!.end === tokens[last]!.rawEnd) {
    const next = tokens[last + 1];
    if (!next || !nameGap(text, tokens[last]!, next)) break;
    if (next.shape === 'lower' && SURNAME_PARTICLES.has(next.lower)) {
      const after = tokens[last + 2];
      if (isNameWord(after, false) && nameGap(text, next, after)) {
        last += 2;
        words++;
        continue;
      }
      break;
    }
    if (next.shape === 'initial' || isNameWord(next, allowUpper)) {
      last++;
      words++;
      continue;
    }
    break;
  }
  // Drop a trailing initial that is really a sentence's "I" or "A".
  while (last > i && tokens[last]!.shape === 'initial') last--;
  return last;
}

/** "John Radcliffe Hospital", "Alexandra Wing", "Wilson's disease": a place, building or eponym, not a person. */
function followedByOrgNoun(text: string, tokens: Token[], last: number): boolean {
  const next = tokens[last + 1];
  if (!next || !/^\s{1,2}$/.test(gapBetween(text, tokens[last]!, next))) return false;
  return ORG_NOUNS.has(next.lower);
}

/** "Jean-Pierre", "Mary-Jane", "Abdul-Rahman": every part a listed first name. */
function isHyphenatedFirstName(t: Token): boolean {
  if (t.shape !== 'title' || !t.lower.includes('-')) return false;
  return t.lower.split('-').every((p) => FIRST_NAMES.has(p) || AMBIGUOUS_FIRST_NAMES.has(p));
}

export function findPersonNames(text: string, out: Finding[]): void {
  const tokens = tokenize(text, INTERESTING, INTERESTING_HASHES);
  const push = (a: Token, b: Token) => out.push({ kind: 'person_name', start: a.start, end: b.end });

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];

    // Titles: "Dr Okafor", "Mrs. J. Smith", "Sister O'Neill". The title must be capitalised.
    if ((t.shape === 'title' || t.shape === 'upper') && TITLES.has(t.lower) && next) {
      const gap = gapBetween(text, t, next);
      if (next.shape === 'lower' && SURNAME_PARTICLES.has(next.lower) && TITLE_GAP_RE.test(gap) && gap.length > 0) {
        let j = i + 1;
        while (tokens[j + 1] && tokens[j + 1]!.shape === 'lower' && SURNAME_PARTICLES.has(tokens[j + 1]!.lower) && j < i + 3) j++;
        const surname = tokens[j + 1];
        if (isNameWord(surname, false) && nameGap(text, tokens[j]!, surname)) {
          const last = extendName(text, tokens, j + 1, false, 2);
          push(next, tokens[last]!);
          i = last;
          continue;
        }
      }
      if (TITLE_GAP_RE.test(gap) && gap.length > 0 && (next.shape === 'initial' || isNameWord(next, true))) {
        const phraseEnd = Math.max(eponymPhraseEnd(text, t), eponymPhraseEnd(text, next));
        if (phraseEnd >= 0) {
          i = lastTokenBefore(tokens, i, phraseEnd);
          continue;
        }
        const last = extendName(text, tokens, i + 1, next.shape === 'upper', 4);
        if (next.shape === 'initial' && last === i + 1) continue;
        push(next, tokens[last]!);
        i = last;
        continue;
      }
    }

    // Role and relation words: "her husband John", "the radiologist, Dr ..." (the title wins there).
    const prevToken = tokens[i - 1];
    const pairKey =
      prevToken && PAIR_ENDINGS.has(t.lower) && gapBetween(text, prevToken, t) === ' ' ? `${prevToken.lower}_${t.lower}` : '';
    if ((ROLE_WORDS.has(t.lower) || ROLE_PAIRS.has(pairKey)) && t.end === t.rawEnd && next) {
      const gap = gapBetween(text, t, next);
      const listed = FIRST_NAMES.has(next.lower) || AMBIGUOUS_FIRST_NAMES.has(next.lower);
      // "the radiologist Reported" is a stray capital on a verb or adverb, not a name.
      const verbLike = !listed && VERB_LIKE_RE.test(next.lower);
      const candidate =
        next.shape === 'title' && !TITLES.has(next.lower) && isNameWord(next, false) && !isEponym(next) && !verbLike;
      if (ROLE_GAP_RE.test(gap) && candidate && eponymPhraseEnd(text, next) < 0) {
        const last = extendName(text, tokens, i + 1, false, 3);
        if (!followedByOrgNoun(text, tokens, last)) {
          push(next, tokens[last]!);
          i = last;
          continue;
        }
      }
    }

    // First names from the list.
    const known = FIRST_NAMES.has(t.lower) || isHyphenatedFirstName(t);
    const ambiguous = !known && AMBIGUOUS_FIRST_NAMES.has(t.lower);
    if (!known && !ambiguous) continue;
    // Short capitals are acronyms: SAM (systolic anterior motion), ALI, ED.
    if (t.shape === 'upper' && t.lower.length <= 3) continue;
    if (t.shape === 'other' || t.shape === 'initial') continue;
    if (isEponym(t)) continue;
    const phraseEnd = eponymPhraseEnd(text, t);
    if (phraseEnd >= 0) {
      i = lastTokenBefore(tokens, i, phraseEnd);
      continue;
    }
    const prev = tokens[i - 1];
    if (prev && PLACE_PREFIXES.has(prev.lower) && /^\.?\s$/.test(gapBetween(text, prev, t))) continue;

    const canExtend = t.shape !== 'lower' && t.end === t.rawEnd;
    const last = canExtend ? extendName(text, tokens, i, t.shape === 'upper', 3) : i;
    if (followedByOrgNoun(text, tokens, last)) continue;
    if (ambiguous) {
      // "Grace", "May", "Mark" need a surname beside them, mid-sentence, both capitalised.
      if (t.shape !== 'title' || last === i || isSentenceStart(text, t.start)) continue;
    }
    push(t, tokens[last]!);
    i = last;
  }
}
