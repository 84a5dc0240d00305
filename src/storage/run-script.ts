import { sql, type Kysely } from 'kysely';

/**
 * Runs a migration script statement by statement (both drivers prepare one statement at a
 * time). Statements end with a semicolon at the end of a line; `--` comments are dropped.
 */
export async function runScript(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const statement of statements) await sql.raw(statement).execute(db);
}
