import type { z } from 'zod';
import type { DialingMode } from '../storage/schema.js';
import type { amdSettingsSchema, campaignFields, RecordOrdering, SystemResult, sortKeySchema } from './campaign-schemas.js';
import { systemResults } from './campaign-schemas.js';
import type { CallGuide } from './call-guide.js';
import { normalizeContactableTimes, type ContactableTimes } from './contactable-times.js';
import type { Issue } from './issues.js';
import { DEFAULT_PREVIEW_COMPLETE_CODE, mergeWrapUpCodes, type WrapUpCode, type WrapUpCodeInput } from './wrap-up-codes.js';

/**
 * A campaign's complete definition with every default filled in: what is stored (name, mode,
 * queue and owner column in their columns, the rest in `campaigns.settings`) and what the
 * dialer reads. Mode-specific settings are null for modes they do not apply to.
 */
export type RetryRule = { action: 'final' } | { action: 'retry'; delayMinutes: number; maxRetries: number };
export interface RetryRules {
  results: Record<SystemResult, RetryRule>;
  maxAttemptsPerRecord: number;
  maxAttemptsPerNumberPerDay: number;
}
export type SortKey = z.output<typeof sortKeySchema>;
export interface PreviewSettings {
  autoAccept: boolean;
  reviewTimeoutSeconds: number | null;
  skipAllowed: boolean;
  maxSkipsPerRecord: number | null;
}
export interface AmdSettings {
  onMachine: z.infer<typeof amdSettingsSchema>['onMachine'];
  message: string | null;
}
export type RegulatoryProfile = 'us' | 'uk' | 'none';

export interface CampaignDefinition {
  name: string;
  mode: DialingMode;
  queueId: number;
  ownerColumn: string | null;
  callerId: string | null;
  regulatoryProfile: RegulatoryProfile;
  linesPerAgent: number | null;
  abandonTarget: number | null;
  abandonWindow: 'us' | 'uk' | null;
  contactableTimes: ContactableTimes;
  retryRules: RetryRules;
  wrapUpCodes: WrapUpCode[];
  previewCompleteCode: string | null;
  callGuide: CallGuide | null;
  screenPopFields: string[];
  sortOrder: SortKey[];
  /** D4: by the sort (L3) or by the predicted chance of an answer now. */
  ordering: RecordOrdering;
  preview: PreviewSettings | null;
  wrapUpTimeoutSeconds: number | null;
  abandonMessage: string | null;
  amd: AmdSettings | null;
}

/** What a client may send: every field optional except the three a campaign cannot exist without. */
export type DefinitionInput = Partial<z.infer<typeof campaignFields>> & { name: string; mode: DialingMode; queueId: number };

export const PREVIEW_MODES: readonly DialingMode[] = ['preview', 'agent_owned_preview'];
export const DIALER_MODES: readonly DialingMode[] = ['progressive', 'power', 'predictive'];
export const ABANDONING_MODES: readonly DialingMode[] = ['power', 'predictive'];

export const DEFAULT_RETRY_RULES: RetryRules = {
  results: {
    busy: { action: 'retry', delayMinutes: 10, maxRetries: 5 },
    no_answer: { action: 'retry', delayMinutes: 60, maxRetries: 5 },
    fax: { action: 'final' },
    machine: { action: 'retry', delayMinutes: 120, maxRetries: 3 },
    bad_number: { action: 'final' },
    abandoned: { action: 'retry', delayMinutes: 60, maxRetries: 3 },
    failed: { action: 'retry', delayMinutes: 30, maxRetries: 3 },
  },
  maxAttemptsPerRecord: 10,
  maxAttemptsPerNumberPerDay: 3,
};

/** UK (Ofcom): an abandoned number may be called again within 72 hours only with a live agent guaranteed. */
export const UK_ABANDONED_REDIAL_MINUTES = 72 * 60;

const DEFAULT_PREVIEW: PreviewSettings = { autoAccept: false, reviewTimeoutSeconds: null, skipAllowed: true, maxSkipsPerRecord: null };

/**
 * Fills in defaults for the mode and reports fields that do not apply to it (rather than
 * silently dropping what the user set). `defaultTimeZone` is used when the input names none.
 */
export function normalizeDefinition(input: DefinitionInput, defaultTimeZone: string): { definition: CampaignDefinition; issues: Issue[] } {
  const issues: Issue[] = [];
  const { mode } = input;
  const only = <T>(field: keyof DefinitionInput, applies: boolean, modes: string, value: T | null | undefined, fallback: T | null): T | null => {
    if (applies) return value ?? fallback;
    if (value !== undefined && value !== null) issues.push({ path: field, problem: `${field} applies only to ${modes} campaigns; this one is ${mode}. Remove it.` });
    return null;
  };
  const isPreview = PREVIEW_MODES.includes(mode);
  const regulatoryProfile = input.regulatoryProfile ?? 'none';

  const retryIn = input.retryRules ?? {};
  // Defaults that obey the profile: under UK rules an abandoning dialer waits 72 hours to redial an abandoned number.
  const defaultRule = (r: SystemResult): RetryRule =>
    r === 'abandoned' && regulatoryProfile === 'uk' && ABANDONING_MODES.includes(mode) ? { action: 'retry', delayMinutes: UK_ABANDONED_REDIAL_MINUTES, maxRetries: 3 } : DEFAULT_RETRY_RULES.results[r];
  const results = Object.fromEntries(systemResults.map((r) => [r, retryIn.results?.[r] ?? defaultRule(r)])) as Record<SystemResult, RetryRule>;
  const previewIn = input.preview ?? {};
  const amdIn = input.amd;

  const definition: CampaignDefinition = {
    name: input.name,
    mode,
    queueId: input.queueId,
    ownerColumn: input.ownerColumn ?? null,
    callerId: input.callerId ?? null,
    regulatoryProfile,
    linesPerAgent: only('linesPerAgent', mode === 'power', 'power', input.linesPerAgent, 1),
    abandonTarget: only('abandonTarget', mode === 'predictive', 'predictive', input.abandonTarget, 3),
    abandonWindow: only('abandonWindow', mode === 'predictive', 'predictive', input.abandonWindow, regulatoryProfile === 'uk' ? 'uk' : 'us'),
    contactableTimes: normalizeContactableTimes(input.contactableTimes ?? {}, defaultTimeZone),
    retryRules: {
      results,
      maxAttemptsPerRecord: retryIn.maxAttemptsPerRecord ?? DEFAULT_RETRY_RULES.maxAttemptsPerRecord,
      maxAttemptsPerNumberPerDay: retryIn.maxAttemptsPerNumberPerDay ?? DEFAULT_RETRY_RULES.maxAttemptsPerNumberPerDay,
    },
    wrapUpCodes: mergeWrapUpCodes(input.wrapUpCodes ?? []),
    previewCompleteCode: only('previewCompleteCode', isPreview, 'preview and agent_owned_preview', input.previewCompleteCode, DEFAULT_PREVIEW_COMPLETE_CODE),
    callGuide: input.callGuide ?? null,
    screenPopFields: input.screenPopFields ?? [],
    sortOrder: input.sortOrder ?? [],
    ordering: input.ordering ?? 'sort',
    preview: only('preview', isPreview, 'preview and agent_owned_preview', input.preview === undefined || input.preview === null ? input.preview : { ...DEFAULT_PREVIEW, ...stripUndefined(previewIn) }, DEFAULT_PREVIEW),
    wrapUpTimeoutSeconds: input.wrapUpTimeoutSeconds ?? null,
    abandonMessage: only('abandonMessage', ABANDONING_MODES.includes(mode), 'power and predictive', input.abandonMessage, null),
    amd: only('amd', DIALER_MODES.includes(mode), 'progressive, power and predictive', amdIn ? { onMachine: amdIn.onMachine, message: amdIn.message ?? null } : amdIn, { onMachine: 'hang_up_retry', message: null }),
  };
  return { definition, issues };
}

/** The stored definition as input again (for an update: merge the patch, normalize, validate). */
export function definitionAsInput(d: CampaignDefinition): DefinitionInput {
  const codes: WrapUpCodeInput[] = d.wrapUpCodes.map((c) => ({
    code: c.code,
    label: c.label,
    outcome: c.outcome,
    ...(c.retryAfterMinutes !== null ? { retryAfterMinutes: c.retryAfterMinutes } : {}),
    shortcut: c.shortcut,
  }));
  return { ...structuredClone(d), wrapUpCodes: codes };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The part kept in `campaigns.settings` (the rest has its own columns). */
export function settingsOf(d: CampaignDefinition): Record<string, unknown> {
  const { name: _n, mode: _m, queueId: _q, ownerColumn: _o, ...settings } = d;
  return { version: 1, ...settings };
}

/**
 * The definition of a stored campaign. Read through `normalizeDefinition` so that rows written
 * before a setting existed (or by hand, with `settings = '{}'`) come back complete.
 */
export function definitionFromRow(row: { name: string; mode: DialingMode; queue_id: number; owner_column: string | null; settings: Record<string, unknown> }): CampaignDefinition {
  const { version: _v, ...settings } = row.settings;
  const input = { ...settings, name: row.name, mode: row.mode, queueId: row.queue_id, ownerColumn: row.owner_column } as DefinitionInput;
  return normalizeDefinition(input, 'UTC').definition;
}
