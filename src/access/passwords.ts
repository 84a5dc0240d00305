import { hash, verify } from '@node-rs/argon2';

/** Passwords are stored as argon2id hashes (OWASP's recommended parameters). */
// algorithm 2 is Argon2id in @node-rs/argon2's Algorithm enum.
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, options);

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) return false;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** Minimum rules, checked when a password is set. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'A password needs at least 10 characters.';
  if (password.length > 256) return 'A password may have at most 256 characters.';
  return undefined;
}
