import { z } from 'zod';
import { optionalText, text } from '../web/form-fields.ts';

export const SignInForm = z.object({
  email: text({ required: 'Enter your email address', max: 254, tooLong: 'Email address must be 254 characters or fewer' }).pipe(
    z.email({ error: 'Enter an email address in the correct format, like name@nhs.net' }),
  ),
  password: z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(256, 'Password must be 256 characters or fewer'),
  ),
  next: optionalText({ max: 2000, tooLong: 'Invalid return address', invalid: 'Invalid return address' }),
});

export type SignInInput = z.infer<typeof SignInForm>;
export const SIGN_IN_FIELDS = ['email', 'password'] as const;
