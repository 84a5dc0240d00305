import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jsonErrorPosition } from './shared/json-error-position.js';
import { parseSipCarrierConfig, type SipCarrierConfig } from './telephony/adapters/sip/sip-config.js';
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
  /** T2: the SIP trunk calls go through (PACER_CARRIER=sip, PACER_SIP_CONFIG); null = the simulated carrier. */
  sip: SipCarrierConfig | null;
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

/**
 * PACER_CARRIER=sip: the SIP carrier's configuration is the JSON file PACER_SIP_CONFIG names
 * (src/telephony/adapters/sip/sip-config.ts; docs/SIP.md), and PACER_SIP_PASSWORD, when set, is
 * the trunk's password, so the secret can stay out of the file. No message here quotes the
 * file's content: it may hold the password.
 */
function sipConfig(env: NodeJS.ProcessEnv): SipCarrierConfig | null {
  const kind = env.PACER_CARRIER || 'simulated';
  if (kind === 'simulated') return null;
  if (kind !== 'sip') throw new Error(`PACER_CARRIER must be "simulated" (the default) or "sip", got "${kind}".`);
  const file = env.PACER_SIP_CONFIG;
  if (!file) throw new Error('PACER_CARRIER=sip needs PACER_SIP_CONFIG: the path of a JSON file with the trunk, from and local sections (see docs/SIP.md and config/sip.example.json).');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`PACER_SIP_CONFIG: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const at = jsonErrorPosition(text);
    throw new Error(`PACER_SIP_CONFIG: ${file} is not valid JSON${at ? ` at line ${at.line}, column ${at.column}` : ''}; check quotes and commas there.`);
  }
  const password = env.PACER_SIP_PASSWORD;
  const auth = (parsed as { auth?: { username?: unknown; password?: unknown } | null }).auth;
  if (password) {
    if (!auth?.username) throw new Error(`PACER_SIP_PASSWORD is set but ${file} has no auth.username to go with it; add "auth": { "username": "…" }.`);
    parsed = { ...(parsed as object), auth: { ...auth, password } };
  } else if (auth && auth.password === undefined) {
    throw new Error(`PACER_SIP_CONFIG (${file}) has auth.username but no password: set PACER_SIP_PASSWORD (or auth.password in the file).`);
  }
  try {
    return parseSipCarrierConfig(parsed as Parameters<typeof parseSipCarrierConfig>[0]);
  } catch (err) {
    throw new Error(`PACER_SIP_CONFIG (${file}): ${(err as Error).message}`);
  }
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
    sip: sipConfig(env),
  };
}
