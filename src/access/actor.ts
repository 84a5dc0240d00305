import type { Role } from '../storage/schema.js';
import { AppError } from '../shared/errors.js';

/** Who is calling: resolved on the server from a session cookie or an API token, never from the client. */
export interface Actor {
  userId: number;
  role: Role;
  email: string;
  via: 'session' | 'token';
}

export function requireRole(actor: Actor | undefined, roles: readonly Role[]): Actor {
  if (!actor) throw new AppError('unauthenticated', 'Sign in first (POST /api/auth/sign-in), or send an API token.');
  if (!roles.includes(actor.role)) {
    throw new AppError('forbidden', `This needs the role ${roles.join(' or ')}; you are signed in as ${actor.role}.`, {
      required: roles,
      role: actor.role,
    });
  }
  return actor;
}

export const STAFF: readonly Role[] = ['admin', 'supervisor'];
export const ANYONE: readonly Role[] = ['admin', 'supervisor', 'agent'];
export const ADMIN: readonly Role[] = ['admin'];
