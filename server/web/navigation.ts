import type { Role } from '../domain/roles.ts';

export type NavItem = { href: string; text: string; current?: boolean; active?: boolean };

// Only pages that exist appear here; each feature adds its entries as it lands.
const ITEMS: Record<Role, { href: string; text: string }[]> = {
  safety: [
    { href: '/', text: 'Home' },
    { href: '/cases/new', text: 'Log a case' },
    { href: '/cases', text: 'Cases' },
    { href: '/actions', text: 'Actions' },
  ],
  director: [
    { href: '/', text: 'Home' },
    { href: '/cases', text: 'Cases' },
    { href: '/actions', text: 'Actions' },
  ],
  trainer: [
    { href: '/', text: 'Home' },
    { href: '/cases', text: 'Cases' },
  ],
  admin: [
    { href: '/', text: 'Home' },
    { href: '/admin/users', text: 'Users' },
    { href: '/admin/reference-data', text: 'Reference data' },
    { href: '/admin/tokens', text: 'API tokens' },
    { href: '/admin/audit', text: 'Audit log' },
  ],
};

/** The header navigation for a role: `current` on the exact page, `active` within its section. */
export function navigationFor(role: Role, path: string): NavItem[] {
  return ITEMS[role].map((item) => {
    const current = item.href === path;
    const active = !current && item.href !== '/' && path.startsWith(`${item.href}/`);
    return { ...item, ...(current ? { current: true } : {}), ...(active ? { active: true } : {}) };
  });
}
