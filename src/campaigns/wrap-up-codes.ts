import type { z } from 'zod';
import type { wrapUpCodeSchema, wrapUpOutcomes } from './campaign-schemas.js';
import type { Issue } from './issues.js';

/**
 * Wrap-up codes (dispositions, D8). The system defaults of SPEC §1 are always present; a
 * campaign may relabel them (e.g. in Japanese), remap their outcome or give them a shortcut,
 * but never remove them. Custom codes come after them.
 */
export type WrapUpOutcome = (typeof wrapUpOutcomes)[number];

export interface WrapUpCode {
  code: string;
  label: string;
  outcome: WrapUpOutcome;
  /** Only with outcome retry_after. */
  retryAfterMinutes: number | null;
  shortcut: string | null;
  system: boolean;
}

export type WrapUpCodeInput = z.infer<typeof wrapUpCodeSchema>;

export const SYSTEM_WRAP_UP_CODES: readonly WrapUpCode[] = [
  { code: 'answering_machine', label: 'Answering machine', outcome: 'retry_after', retryAfterMinutes: 120, shortcut: '1', system: true },
  { code: 'busy', label: 'Busy', outcome: 'retry_after', retryAfterMinutes: 10, shortcut: '2', system: true },
  { code: 'fax', label: 'Fax', outcome: 'final_failure', retryAfterMinutes: null, shortcut: '3', system: true },
  { code: 'no_answer', label: 'No answer', outcome: 'retry_after', retryAfterMinutes: 60, shortcut: '4', system: true },
  { code: 'sale', label: 'Sale', outcome: 'final_success', retryAfterMinutes: null, shortcut: '5', system: true },
  { code: 'voicemail', label: 'Voicemail', outcome: 'retry_after', retryAfterMinutes: 240, shortcut: '6', system: true },
  { code: 'bad_record', label: 'Bad record', outcome: 'final_failure', retryAfterMinutes: null, shortcut: '7', system: true },
];

/** The code "Complete" uses in preview when the agent does not call (P3, Bright Pattern). */
export const DEFAULT_PREVIEW_COMPLETE_CODE = 'bad_record';

const isSystem = (code: string) => SYSTEM_WRAP_UP_CODES.some((s) => s.code === code.toLowerCase());

/**
 * The system codes (overridden where the input names them) followed by the custom ones, in
 * the order given. A system code that the input overrides keeps the default shortcut unless
 * the input says otherwise.
 */
export function mergeWrapUpCodes(input: readonly WrapUpCodeInput[]): WrapUpCode[] {
  const system = SYSTEM_WRAP_UP_CODES.map((def) => {
    const override = input.find((c) => c.code.toLowerCase() === def.code);
    if (!override) return { ...def };
    return toCode(override, { system: true, code: def.code, shortcut: override.shortcut === undefined ? def.shortcut : override.shortcut });
  });
  const custom = input.filter((c) => !isSystem(c.code)).map((c) => toCode(c, { system: false, code: c.code, shortcut: c.shortcut ?? null }));
  return [...system, ...custom];
}

function toCode(c: WrapUpCodeInput, fixed: { system: boolean; code: string; shortcut: string | null }): WrapUpCode {
  return {
    code: fixed.code,
    label: c.label,
    outcome: c.outcome,
    retryAfterMinutes: c.outcome === 'retry_after' ? (c.retryAfterMinutes ?? null) : null,
    shortcut: fixed.shortcut,
    system: fixed.system,
  };
}

/** What the input (before merging) gets wrong: retry_after without a duration, a duration without retry_after. */
export function checkWrapUpInput(input: readonly WrapUpCodeInput[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  input.forEach((c, i) => {
    if (seen.has(c.code.toLowerCase())) issues.push({ path: `wrapUpCodes.${i}.code`, problem: `The code "${c.code}" appears twice; each code must be unique in a campaign.` });
    seen.add(c.code.toLowerCase());
    if (c.outcome === 'retry_after' && c.retryAfterMinutes === undefined) {
      issues.push({ path: `wrapUpCodes.${i}.retryAfterMinutes`, problem: `Code "${c.code}" has outcome retry_after; give retryAfterMinutes (how long to wait before calling again).` });
    }
    if (c.outcome !== 'retry_after' && c.retryAfterMinutes !== undefined) {
      issues.push({ path: `wrapUpCodes.${i}.retryAfterMinutes`, problem: `Code "${c.code}" has outcome ${c.outcome}; retryAfterMinutes applies only to retry_after — remove it or change the outcome.` });
    }
  });
  return issues;
}

/** Codes, labels and shortcuts are each unique within a campaign (case-insensitive). */
export function checkWrapUpCodes(codes: readonly WrapUpCode[], previewCompleteCode: string | null): Issue[] {
  const issues: Issue[] = [];
  const seen = { code: new Map<string, number>(), label: new Map<string, number>(), shortcut: new Map<string, number>() };
  codes.forEach((c, i) => {
    for (const key of ['code', 'label', 'shortcut'] as const) {
      const value = c[key];
      if (value === null) continue;
      const k = value.toLowerCase();
      const first = seen[key].get(k);
      if (first !== undefined) {
        issues.push({ path: `wrapUpCodes`, problem: `The ${key} "${value}" is used by both "${codes[first]!.code}" and "${c.code}"; each ${key} must be unique in a campaign.` });
      } else {
        seen[key].set(k, i);
      }
    }
  });
  if (previewCompleteCode !== null && !codes.some((c) => c.code.toLowerCase() === previewCompleteCode.toLowerCase())) {
    issues.push({ path: 'previewCompleteCode', problem: `previewCompleteCode "${previewCompleteCode}" is not one of the campaign's wrap-up codes; pick one of ${codes.map((c) => c.code).join(', ')}.` });
  }
  return issues;
}
