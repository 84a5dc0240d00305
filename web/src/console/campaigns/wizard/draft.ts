/**
 * The campaign the wizard is building: the body of POST /api/campaigns (src/campaigns/
 * campaign-schemas.ts: createCampaignBody), kept whole from step to step. The server checks it
 * when it is created; its problems come back as {path, problem} and are shown on the step that
 * holds the field.
 */
import { DIALING_MODES, type Campaign, type DialingMode } from '../types';

export const MODES = DIALING_MODES;
export type Mode = DialingMode;
export const OUTCOMES = ['final_success', 'final_failure', 'retry_after', 'callback', 'do_not_call'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type GuideQuestion = NonNullable<Campaign['callGuide']>['questions'][number];
export type SortKey = Campaign['sortOrder'][number];
export interface WrapUpCode {
  code: string;
  label: string;
  outcome: Outcome;
  retryAfterMinutes?: number | null;
  shortcut?: string | null;
  system?: boolean;
}

/** The settings of a campaign as the wizard holds them before it exists: no queue or caller ID yet, lists by ID. */
export type Draft = Pick<
  Campaign,
  | 'name'
  | 'mode'
  | 'ownerColumn'
  | 'regulatoryProfile'
  | 'linesPerAgent'
  | 'abandonTarget'
  | 'abandonWindow'
  | 'abandonMessage'
  | 'amd'
  | 'contactableTimes'
  | 'retryRules'
  | 'previewCompleteCode'
  | 'wrapUpTimeoutSeconds'
  | 'screenPopFields'
  | 'sortOrder'
  | 'ordering'
  | 'preview'
  | 'callGuide'
> & { queueId: number | null; listIds: number[]; callerId: string; wrapUpCodes: WrapUpCode[] };

/** What GET /api/campaigns/defaults?mode= answers: everything but name, queue and lists. */
export type Defaults = Omit<Draft, 'name' | 'queueId' | 'listIds' | 'callerId'> & { callerId: string | null };

export const isPreviewMode = (mode: Mode) => mode === 'preview' || mode === 'agent_owned_preview';
export const dialsByItself = (mode: Mode) => mode === 'power' || mode === 'predictive';

/** A new mode's defaults, keeping what the supervisor already chose that still applies. */
export function withDefaults(draft: Pick<Draft, 'name' | 'queueId' | 'listIds' | 'callerId'> & Partial<Draft>, defaults: Defaults): Draft {
  return {
    ...defaults,
    name: draft.name,
    queueId: draft.queueId,
    listIds: draft.listIds,
    callerId: draft.callerId || defaults.callerId || '',
    ownerColumn: defaults.mode === 'agent_owned_preview' ? (draft.ownerColumn ?? null) : null,
    contactableTimes: draft.contactableTimes ?? defaults.contactableTimes,
    screenPopFields: draft.screenPopFields ?? defaults.screenPopFields,
    sortOrder: draft.sortOrder ?? defaults.sortOrder,
    callGuide: draft.callGuide ?? defaults.callGuide,
  };
}

/** Wrap-up codes as the API takes them: without the `system` mark, a retry delay only with retry_after. */
export function wrapUpCodesBody(codes: WrapUpCode[]): WrapUpCode[] {
  return codes.map(({ system: _system, ...code }) => ({ ...code, retryAfterMinutes: code.outcome === 'retry_after' ? code.retryAfterMinutes : undefined }));
}

/** The POST /api/campaigns body: settings that do not apply to the mode are left out, not sent empty. */
export function createBody(d: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: d.name.trim(),
    mode: d.mode,
    queueId: d.queueId,
    listIds: d.listIds,
    callerId: d.callerId.trim() || null,
    regulatoryProfile: d.regulatoryProfile,
    contactableTimes: d.contactableTimes,
    retryRules: d.retryRules,
    wrapUpCodes: wrapUpCodesBody(d.wrapUpCodes),
    wrapUpTimeoutSeconds: d.wrapUpTimeoutSeconds,
    screenPopFields: d.screenPopFields,
    sortOrder: d.sortOrder.filter((k) => k.column.trim() !== ''),
    ordering: d.ordering,
    callGuide: d.callGuide && d.callGuide.questions.length > 0 ? d.callGuide : null,
  };
  if (d.mode === 'agent_owned_preview') body.ownerColumn = d.ownerColumn;
  if (isPreviewMode(d.mode)) {
    body.preview = d.preview;
    body.previewCompleteCode = d.previewCompleteCode;
  } else {
    body.amd = d.amd;
  }
  if (d.mode === 'power') body.linesPerAgent = d.linesPerAgent;
  if (d.mode === 'predictive') {
    body.abandonTarget = d.abandonTarget;
    body.abandonWindow = d.abandonWindow;
  }
  if (dialsByItself(d.mode)) body.abandonMessage = d.abandonMessage;
  return body;
}

export const STEPS = ['basics', 'lists', 'hours', 'retries', 'wrapUp', 'agentScreen', 'review'] as const;
export type Step = (typeof STEPS)[number];

const FIELD_STEP: Record<string, Step> = {
  name: 'basics',
  mode: 'basics',
  queueId: 'basics',
  callerId: 'basics',
  regulatoryProfile: 'basics',
  linesPerAgent: 'basics',
  abandonTarget: 'basics',
  abandonWindow: 'basics',
  abandonMessage: 'basics',
  amd: 'basics',
  listIds: 'lists',
  dncListIds: 'lists',
  ownerColumn: 'lists',
  contactableTimes: 'hours',
  retryRules: 'retries',
  wrapUpCodes: 'wrapUp',
  previewCompleteCode: 'wrapUp',
  wrapUpTimeoutSeconds: 'wrapUp',
  screenPopFields: 'agentScreen',
  sortOrder: 'agentScreen',
  ordering: 'agentScreen',
  preview: 'agentScreen',
  callGuide: 'agentScreen',
};

export interface Problem {
  path: string;
  problem: string;
}

/** The step that holds a field the server found a problem with (its path's first part). */
export function stepOf(path: string): Step {
  return FIELD_STEP[path.split('.')[0] ?? ''] ?? 'review';
}

/** The server's problems (error.details of a 400/409/422) grouped by step, in the steps' order. */
export function problemsByStep(details: unknown): Map<Step, Problem[]> {
  const out = new Map<Step, Problem[]>();
  if (!Array.isArray(details)) return out;
  for (const d of details as Array<Partial<Problem>>) {
    if (typeof d?.path !== 'string' || typeof d.problem !== 'string') continue;
    const step = stepOf(d.path);
    out.set(step, [...(out.get(step) ?? []), { path: d.path, problem: d.problem }]);
  }
  return new Map(STEPS.filter((s) => out.has(s)).map((s) => [s, out.get(s)!]));
}
