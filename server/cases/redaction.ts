import { placeholderFor } from '../domain/identifiers.ts';
import type { CaseFormValues } from './form-view.ts';
import { type IdentifierConfirmation, scanFields } from './identifier-check.ts';

const TEXT_FIELDS = ['title', 'narrative', 'learning'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/**
 * The form's one-click placeholder: replaces one finding (or all of them) in the user's text. Later
 * confirmations in the same field move with the text so the user's earlier choices still apply.
 */
export function redactFinding(
  values: CaseFormValues,
  confirmations: IdentifierConfirmation[],
  target: { field: string; start: number; end: number } | 'all',
): { values: CaseFormValues; confirmations: IdentifierConfirmation[] } {
  const next = { ...values };
  let kept = [...confirmations];
  for (const field of TEXT_FIELDS) {
    const findings = scanFields({ [field]: next[field] })
      .filter((f) => (target === 'all' ? true : target.field === field && target.start === f.start && target.end === f.end))
      .sort((a, b) => b.start - a.start);
    for (const f of findings) {
      const placeholder = placeholderFor(f.kind);
      const text: string = next[field as TextField];
      next[field as TextField] = text.slice(0, f.start) + placeholder + text.slice(f.end);
      const shift = placeholder.length - (f.end - f.start);
      kept = kept
        .filter((c) => !(c.field === field && c.start === f.start && c.end === f.end))
        .map((c) => (c.field === field && c.start >= f.end ? { ...c, start: c.start + shift, end: c.end + shift } : c));
    }
  }
  return { values: next, confirmations: kept };
}
