/**
 * The shapes the administration page reads (see /api/docs: User, Queue, DncList, DncNumber,
 * DncCheck, DncImport). Kept by hand beside the server's zod schemas in src/users/, src/queues/,
 * src/access/ and src/dnc/; only the fields this page uses.
 */
export type Role = 'admin' | 'supervisor' | 'agent';
export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];
export const LOCALES = ['en', 'ja', 'pl'] as const;

export interface AdminUser {
  id: number;
  email: string;
  userCode: string;
  displayName: string;
  role: Role;
  locale: string;
  timeZone: string;
  disabled: boolean;
  /** Her phone line, where the SIP carrier rings her; null when none is set. */
  sipUri: string | null;
  createdAt: string;
}

export interface Queue {
  id: number;
  name: string;
  memberCount: number;
  createdAt: string;
}

export interface QueueMember {
  userId: number;
  email: string;
  userCode: string;
  displayName: string;
  addedAt: string;
}

export interface Grant {
  userId: number;
  email: string;
  displayName: string;
  grantedAt: string;
}

export interface DncList {
  id: number;
  name: string;
  source: 'internal' | 'imported';
  numberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface DncNumber {
  number: string;
  addedAt: string;
  addedBy: number | null;
  addedByName: string | null;
  reason: string | null;
}

export interface DncCheck {
  number: string;
  blocked: boolean;
  lists: Array<{ id: number; name: string }>;
}

export interface DncImport {
  listId: number;
  rowsRead: number;
  imported: number;
  duplicates: number;
  rejected: number;
  errors: Array<{ row: number; line: number; column: string; value: string; reason: string }>;
  errorsTruncated: boolean;
}
