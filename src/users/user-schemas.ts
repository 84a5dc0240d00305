import { z } from 'zod';
import type { User } from '../storage/schema.js';
import { sipUriSchema } from './sip-uri.js';

export const roleSchema = z.enum(['admin', 'supervisor', 'agent']);

export const userView = z
  .object({
    id: z.number().int(),
    email: z.string(),
    userCode: z.string(),
    displayName: z.string(),
    role: roleSchema,
    locale: z.string(),
    timeZone: z.string(),
    disabled: z.boolean(),
    sipUri: z.string().nullable().describe("The agent's phone line (SIP URI), where the SIP carrier rings her; null when none is set"),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userView>;

export const toUserView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  userCode: u.user_code,
  displayName: u.display_name,
  role: u.role,
  locale: u.locale,
  timeZone: u.time_zone,
  disabled: u.disabled,
  sipUri: u.sip_uri,
  createdAt: u.created_at.toISOString(),
});

/** An IANA time zone name, checked against the platform's zone database. */
export const timeZoneSchema = z.string().max(64).refine((tz) => isTimeZone(tz), { message: 'Not an IANA time zone such as America/New_York, Europe/Warsaw or Asia/Tokyo.' });

export const createUserBody = z
  .object({
    email: z.email().max(254),
    userCode: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'Use letters, digits, dot, dash or underscore.').optional(),
    displayName: z.string().trim().min(1).max(120),
    role: roleSchema,
    password: z.string().min(10).max(256),
    locale: z.enum(['en', 'ja', 'pl']).default('en'),
    timeZone: timeZoneSchema.default('UTC'),
    sipUri: sipUriSchema.optional(),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    email: z.email().max(254),
    userCode: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/),
    displayName: z.string().trim().min(1).max(120),
    role: roleSchema,
    password: z.string().min(10).max(256),
    locale: z.enum(['en', 'ja', 'pl']),
    timeZone: timeZoneSchema,
    disabled: z.boolean(),
    sipUri: sipUriSchema.nullable(),
  })
  .partial()
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
