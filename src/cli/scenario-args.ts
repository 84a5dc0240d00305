import fs from 'node:fs';
import type { Scenario } from '../telephony/adapters/simulated/scenario.js';
import { parseScenarioFile } from '../telephony/adapters/simulated/scenario.js';

/**
 * What `pacer simulate` and `pacer plan` share: the run options every simulation takes, checked
 * with a message that says what was given and what is expected, and the scenario file read. A
 * problem comes back as a string (the command prints it and exits 2); a bad file throws the
 * parser's AppError, naming the JSON path.
 */
export interface RunArgs {
  replications: number | undefined;
  hours: number | undefined;
}

export function parseRunArgs(values: { replications?: string | undefined; hours?: string | undefined; seed?: string | undefined }): RunArgs | string {
  const replications = values.replications === undefined ? undefined : Number(values.replications);
  if (replications !== undefined && !(Number.isInteger(replications) && replications > 0)) return `--replications must be a whole number of at least 1, got "${values.replications}".`;
  const hours = values.hours === undefined ? undefined : Number(values.hours);
  if (hours !== undefined && !(hours > 0 && Number.isFinite(hours))) return `--hours must be a positive number of hours, got "${values.hours}".`;
  if (values.seed === '') return '--seed must not be empty.';
  return { replications, hours };
}

export function readScenarios(path: string): Record<string, Scenario> | string {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return `Cannot read the scenario file ${path}: ${code === 'ENOENT' ? 'there is no such file' : (err as Error).message}.`;
  }
  return parseScenarioFile(text, path);
}

export function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}
