import path from 'node:path';
import { serverCarrierConfig, simulatedCarrierConfigSchema, type SimulatedCarrierConfigInput } from './telephony/adapters/simulated/simulated-config.js';

/** Everything the process reads from its environment, in one place (documented in README). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string;
  adminPassword: string | undefined;
  logLevel: string;
  limits: ImportLimits;
  /** T1: the simulated carrier's settings over the defaults (PACER_SIMULATED_CARRIER, JSON); empty when unset. */
  carrier: Partial<SimulatedCarrierConfigInput>;
}

export interface ImportLimits {
  /** Largest upload accepted, in bytes. */
  maxFileBytes: number;
  /** Most columns a list file may have. */
  maxColumns: number;
  /** Longest cell, in characters. */
  maxCellChars: number;
  /** Most records one list may hold. */
  maxRecordsPerList: number;
}

export const defaultLimits: ImportLimits = {
  maxFileBytes: 512 * 1024 * 1024,
  maxColumns: 200,
  maxCellChars: 4096,
  maxRecordsPerList: 5_000_000,
};

const int = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}".`);
  return n;
};

/**
 * PACER_SIMULATED_CARRIER: a JSON object of the simulated carrier's settings (T1) laid over the
 * server's defaults, key by key — e.g. {"outcomes":{"live":1},"answerDelay":{"dist":"fixed","value":2}}
 * for a floor where every call is answered. Checked in full at start, with the field at fault.
 */
function carrierOverrides(value: string | undefined, defaults: SimulatedCarrierConfigInput): Partial<SimulatedCarrierConfigInput> {
  if (value === undefined || value.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (err) {
    throw new Error(`PACER_SIMULATED_CARRIER must be a JSON object: ${(err as Error).message}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('PACER_SIMULATED_CARRIER must be a JSON object, e.g. {"outcomes":{"live":0.5,"noAnswer":0.5}}.');
  const checked = simulatedCarrierConfigSchema.safeParse({ ...defaults, ...parsed });
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`PACER_SIMULATED_CARRIER: ${issue.path.join('.') || '(the object)'}: ${issue.message}`);
  }
  return parsed as Partial<SimulatedCarrierConfigInput>;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.PACER_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminEmail: env.PACER_ADMIN_EMAIL ?? 'admin@pacer.local',
    adminPassword: env.PACER_ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    limits: {
      maxFileBytes: int(env.PACER_MAX_FILE_BYTES, defaultLimits.maxFileBytes, 'PACER_MAX_FILE_BYTES'),
      maxColumns: int(env.PACER_MAX_COLUMNS, defaultLimits.maxColumns, 'PACER_MAX_COLUMNS'),
      maxCellChars: int(env.PACER_MAX_CELL_CHARS, defaultLimits.maxCellChars, 'PACER_MAX_CELL_CHARS'),
      maxRecordsPerList: int(env.PACER_MAX_RECORDS_PER_LIST, defaultLimits.maxRecordsPerList, 'PACER_MAX_RECORDS_PER_LIST'),
    },
    carrier: carrierOverrides(env.PACER_SIMULATED_CARRIER, serverCarrierConfig),
  };
}
