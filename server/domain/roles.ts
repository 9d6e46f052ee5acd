export const ROLES = ['safety', 'director', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  safety: 'Patient safety team',
  director: 'Clinical director',
  trainer: 'Trainer',
  admin: 'Administrator',
};

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
