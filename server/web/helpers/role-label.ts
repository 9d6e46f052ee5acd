import { ROLE_LABELS, type Role } from '../../domain/roles.ts';

/** `{{roleLabel authorRole}}`: a role as people say it ("Patient safety team"). */
export const roleLabel = (role: unknown): string => ROLE_LABELS[role as Role] ?? String(role ?? '');
