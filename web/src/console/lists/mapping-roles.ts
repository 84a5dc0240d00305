import type { Mapping } from './types';

/**
 * The mapping step edits one role per column; the server takes a Mapping (src/lists/mapping.ts).
 * These turn one into the other. A column left "custom" is kept as it came, in the record's
 * custom fields (which a campaign may show on the screen pop).
 */
export const PHONE_TYPES = ['mobile', 'home', 'work', 'other'] as const;
export type Role = 'custom' | `phone:${(typeof PHONE_TYPES)[number]}` | 'name' | 'phoneticName' | 'owner' | 'timeZone' | 'postalCode' | 'region';
export const ROLES: Role[] = ['custom', 'phone:mobile', 'phone:home', 'phone:work', 'phone:other', 'name', 'phoneticName', 'owner', 'timeZone', 'postalCode', 'region'];
/** Roles a single column may have; choosing one for a column takes it from the column that had it. */
const SINGLE: Role[] = ['phoneticName', 'owner', 'timeZone', 'postalCode', 'region'];
const KEYS = ['phoneticName', 'owner', 'timeZone', 'postalCode', 'region'] as const;

export type Roles = Record<string, Role>;

export function rolesFromMapping(header: string[], mapping: Mapping | null): Roles {
  const roles: Roles = Object.fromEntries(header.map((h) => [h, 'custom' as Role]));
  if (!mapping) return roles;
  for (const p of mapping.phones) roles[p.column] = `phone:${(PHONE_TYPES as readonly string[]).includes(p.type) ? p.type : 'other'}` as Role;
  for (const n of mapping.name === undefined ? [] : [mapping.name].flat()) roles[n] = 'name';
  for (const key of KEYS) {
    const column = mapping[key];
    if (column) roles[column] = key;
  }
  return roles;
}

/** Gives `column` its new role; a single-column role leaves the column that held it (which becomes custom). */
export function assignRole(roles: Roles, column: string, role: Role): Roles {
  const next: Roles = { ...roles, [column]: role };
  if (SINGLE.includes(role)) {
    for (const [other, r] of Object.entries(next)) if (other !== column && r === role) next[other] = 'custom';
  }
  return next;
}

/**
 * The mapping to send, in header order — name columns in the guessed order first (姓 before 名),
 * then any other in header order; `problem` names what keeps it from being sent.
 */
export function mappingFromRoles(header: string[], roles: Roles, guessed: Mapping | null): { mapping: Mapping; problem: 'noPhone' | 'tooManyPhones' | 'tooManyNames' | null } {
  const phones = header.filter((h) => roles[h]?.startsWith('phone:')).map((column) => ({ column, type: roles[column]!.slice('phone:'.length) }));
  const guessedNames = guessed?.name === undefined ? [] : [guessed.name].flat();
  const names = [...guessedNames, ...header.filter((h) => !guessedNames.includes(h))].filter((h) => roles[h] === 'name');
  const mapping: Mapping = { phones };
  if (names.length > 0) mapping.name = names.length === 1 ? names[0]! : names;
  for (const key of KEYS) {
    const column = header.find((h) => roles[h] === key);
    if (column) mapping[key] = column;
  }
  const problem = phones.length === 0 ? 'noPhone' : phones.length > 10 ? 'tooManyPhones' : names.length > 3 ? 'tooManyNames' : null;
  return { mapping, problem };
}
