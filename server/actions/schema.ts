import { z } from 'zod';
import { type DateProblem, parseDateParts } from '../domain/actions.ts';
import { choice, optionalText, text } from '../web/form-fields.ts';

/** What the forms are checked against: today's date in the UK and the owners the form offers. */
export type ActionRules = {
  today: string;
  owners: readonly string[];
  /** On a change, the stored due date may stay even once it has passed. */
  keepDueDate?: string;
};

export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export const NEW_ACTION_FIELDS = ['description', 'owner', 'dueDate'] as const;
export const EDIT_ACTION_FIELDS = ['description', 'owner', 'dueDate', 'status', 'droppedReason', 'evidence'] as const;

const DATE_MESSAGES: Record<DateProblem['kind'], (p: DateProblem) => string> = {
  missing: () => 'Enter the date the action is due',
  incomplete: (p) => `The due date must include a ${p.kind === 'incomplete' ? p.parts.join(' and ') : 'day'}`,
  year_digits: () => 'Year must include 4 numbers',
  not_real: () => 'The due date must be a real date',
};

const part = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());

function dueDate(rules: ActionRules) {
  return z.object({ day: part, month: part, year: part }).transform((parts, ctx) => {
    const parsed = parseDateParts(parts);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: DATE_MESSAGES[parsed.problem.kind](parsed.problem) });
      return z.NEVER;
    }
    if (parsed.date < rules.today && parsed.date !== rules.keepDueDate) {
      ctx.addIssue({ code: 'custom', message: 'The due date must be today or in the future' });
      return z.NEVER;
    }
    return parsed.date;
  });
}

const description = text({ required: 'Enter a description of the action', max: 2000, tooLong: 'Description must be 2,000 characters or fewer' });

const owner = (rules: ActionRules) =>
  z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().refine((v) => rules.owners.includes(v), 'Select who owns the action'));

export const newActionForm = (rules: ActionRules) => z.object({ description, owner: owner(rules), dueDate: dueDate(rules) });

export type NewActionInput = z.infer<ReturnType<typeof newActionForm>>;

const hasText = (v: unknown) => typeof v === 'string' && v.trim() !== '';
const statusIs = (value: unknown, status: string) => typeof value === 'object' && value !== null && (value as { status?: unknown }).status === status;

/**
 * The change form. Evidence and the reason for dropping depend on the status, so those rules run
 * even when other fields fail: the user sees every problem at once.
 */
export const editActionForm = (rules: ActionRules) =>
  z
    .object({
      description,
      owner: owner(rules),
      dueDate: dueDate(rules),
      status: choice(ACTION_STATUSES, 'Select whether the action is open, done or dropped'),
      droppedReason: optionalText({ max: 2000, tooLong: 'The reason must be 2,000 characters or fewer', invalid: 'Enter why the action was dropped' }),
      evidence: optionalText({ max: 4000, tooLong: 'The evidence must be 4,000 characters or fewer', invalid: 'Describe the evidence that the action is done' }),
      // A missing or mangled version can only be stale: 0 never matches, so it is treated as a conflict.
      version: z.preprocess((v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : 0), z.number()),
    })
    .refine((v) => !statusIs(v, 'dropped') || hasText(v.droppedReason), {
      path: ['droppedReason'],
      message: 'Enter why the action was dropped',
      when: (p) => statusIs(p.value, 'dropped'),
    })
    .refine((v) => !statusIs(v, 'done') || hasText(v.evidence), {
      path: ['evidence'],
      message: 'Describe the evidence that the action is done',
      when: (p) => statusIs(p.value, 'done'),
    });

export type EditActionInput = z.infer<ReturnType<typeof editActionForm>>;

const LIST_STATUSES = ['open', 'done', 'dropped', 'all'] as const;
export const LIST_FIELDS = ['status', 'overdue', 'owner', 'department'] as const;
const blankToUndefined = (v: unknown) => (v === '' || v === undefined ? undefined : v);

/** Filters of the list of actions; codes are checked against the vocabularies so a typo is not "no results". */
export const actionListQuery = (codes: { owners: readonly string[]; departments: readonly string[] }) =>
  z.object({
    status: z.preprocess(blankToUndefined, z.enum(LIST_STATUSES, { error: 'Select a status from the list' }).default('open')),
    overdue: z.preprocess(blankToUndefined, z.literal('yes', { error: 'Select overdue or leave it unticked' }).optional()),
    owner: z.preprocess(blankToUndefined, z.string().refine((v) => codes.owners.includes(v), 'Select an owner from the list').optional()),
    department: z.preprocess(blankToUndefined, z.string().refine((v) => codes.departments.includes(v), 'Select a department from the list').optional()),
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).catch(1).default(1)),
  });

export type ActionListInput = z.infer<ReturnType<typeof actionListQuery>>;

export const ActionIdParam = z.coerce.number().int().positive();
