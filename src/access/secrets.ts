import { createHash, randomBytes } from 'node:crypto';

/** Opaque bearer secrets (session cookies, API tokens): random, and stored only as a hash. */
export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
