import type { Role } from '../domain/roles.ts';

export type NavItem = { href: string; text: string; current?: boolean; active?: boolean };

// Only pages that exist appear here; each feature adds its entries as it lands.
const ITEMS: Record<Role, { href: string; text: string }[]> = {
  safety: [
    { href: '/', text: 'Home' },
    { href: '/cases/new', text: 'Log a case' },
    { href: '/cases', text: 'Cases' },
    { href: '/search', text: 'Search' },
    { href: '/trends', text: 'Trends' },
    { href: '/reviews', text: 'Reviews' },
    { href: '/actions', text: 'Actions' },
    { href: '/teaching-sets', text: 'Teaching sets' },
  ],
  director: [
    { href: '/', text: 'Home' },
    { href: '/cases', text: 'Cases' },
    { href: '/search', text: 'Search' },
    { href: '/trends', text: 'Trends' },
    { href: '/reviews', text: 'Reviews' },
    { href: '/actions', text: 'Actions' },
    { href: '/teaching-sets', text: 'Teaching sets' },
  ],
  trainer: [
    { href: '/', text: 'Home' },
    { href: '/search', text: 'Search' },
    { href: '/cases', text: 'Cases' },
    { href: '/trends', text: 'Trends' },
    { href: '/reviews', text: 'Reviews' },
    { href: '/teaching-sets', text: 'Teaching sets' },
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
  const items = ITEMS[role];
  const current = items.find((item) => item.href === path);
  // Only the closest section is marked: /cases/new is "Log a case", not also "Cases".
  const section = current
    ? undefined
    : items.filter((item) => item.href !== '/' && path.startsWith(`${item.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((item) => ({ ...item, ...(item === current ? { current: true } : {}), ...(item === section ? { active: true } : {}) }));
}
