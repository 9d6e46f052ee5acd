import { z } from 'zod';
import { ROLES } from '../domain/roles.ts';
import { choice, text } from '../web/form-fields.ts';

const email = text({ required: 'Enter an email address', max: 254, tooLong: 'Email address must be 254 characters or fewer' }).pipe(
  z.email({ error: 'Enter an email address in the correct format, like name@nhs.net' }),
);

const role = choice(ROLES, 'Select a role');

const password = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z
    .string({ error: 'Enter a password' })
    .min(1, 'Enter a password')
    .min(12, 'Password must be 12 characters or more')
    .max(128, 'Password must be 128 characters or fewer'),
);

export const NewUserForm = z.object({ email, role, password });
export const NEW_USER_FIELDS = ['email', 'role', 'password'] as const;

export const EditUserForm = z.object({
  role,
  status: choice(['active', 'deactivated'] as const, 'Select whether the account is active'),
});
export const EDIT_USER_FIELDS = ['role', 'status'] as const;

export const ResetPasswordForm = z.object({ password });
export const RESET_PASSWORD_FIELDS = ['password'] as const;

export const UserIdParam = z.coerce.number().int().positive();
