import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import { timeZoneSchema } from '../users/user-schemas.js';

/**
 * The campaign definition as the API accepts it. One zod schema validates the request, types
 * the use case and generates the OpenAPI document. Shapes are checked here; rules that join
 * several fields (mode-specific settings, call-guide graph, overlapping windows, wrap-up code
 * uniqueness…) live in validate-campaign.ts so that create and update share them. Defaults
 * are applied in campaign-defaults.ts, not here: a PATCH must not reset fields it omits.
 */

export const dialingModes = ['preview', 'agent_owned_preview', 'progressive', 'power', 'predictive'] as const;
export const campaignStatuses = ['draft', 'running', 'paused', 'stopped', 'complete'] as const;
export const systemResults = ['busy', 'no_answer', 'fax', 'machine', 'bad_number', 'abandoned', 'failed'] as const;
export const wrapUpOutcomes = ['final_success', 'final_failure', 'retry_after', 'callback', 'do_not_call'] as const;
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export type SystemResult = (typeof systemResults)[number];
export type Weekday = (typeof weekdays)[number];

const MINUTES_30_DAYS = 30 * 24 * 60;

export const e164 = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, 'Write the caller ID in E.164: a plus sign, the country code and the number, e.g. +12025550143.')
  .refine((n) => isValidPhoneNumber(n), 'This is not a valid phone number for its country; check the digits.');


export const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Write times as HH:MM from 00:00 to 24:00, e.g. 09:00.');

export const timeWindow = z.object({ start: hhmm, end: hhmm }).strict();

export const contactableTimesSchema = z
  .object({
    weekly: z
      .object(Object.fromEntries(weekdays.map((d) => [d, z.array(timeWindow).max(6)])) as Record<Weekday, z.ZodArray<typeof timeWindow>>)
      .partial()
      .strict()
      .describe('Allowed hours per weekday in the contact\'s own time zone; a day left out or empty is not contactable.'),
    holidays: z
      .array(
        z
          .object({
            date: z.iso.date('Write the date as YYYY-MM-DD, a day of the calendar, e.g. 2026-12-24.').describe('YYYY-MM-DD, a whole day in the contact\'s time zone'),
            country: z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166 country code such as JP, US or PL.').optional().describe('Only contacts of this country (record region); all when omitted'),
            name: z.string().trim().max(100).optional(),
          })
          .strict(),
      )
      .max(500),
    defaultTimeZone: timeZoneSchema.describe('For records without a time zone of their own'),
  })
  .partial()
  .strict()
  .meta({ id: 'ContactableTimes' });

export const retryRuleSchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('final') }).strict(),
    z
      .object({
        action: z.literal('retry'),
        delayMinutes: z.number().int().min(1).max(MINUTES_30_DAYS).describe('Wait this long before the next attempt'),
        maxRetries: z.number().int().min(1).max(50).describe('Retries after the first attempt with this result'),
      })
      .strict(),
  ])
  .meta({ id: 'RetryRule' });

export const retryRulesSchema = z
  .object({
    results: z.object(Object.fromEntries(systemResults.map((r) => [r, retryRuleSchema])) as Record<SystemResult, typeof retryRuleSchema>).partial().strict(),
    maxAttemptsPerRecord: z.number().int().min(1).max(100),
    maxAttemptsPerNumberPerDay: z.number().int().min(1).max(20),
  })
  .partial()
  .strict()
  .meta({ id: 'RetryRules' });

export const wrapUpCodeSchema = z
  .object({
    code: z.string().trim().regex(/^[a-z0-9_][a-z0-9_.-]{0,39}$/i, 'A code is 1–40 letters, digits, dot, dash or underscore, e.g. callback_requested.'),
    label: z.string().trim().min(1).max(80),
    outcome: z.enum(wrapUpOutcomes),
    retryAfterMinutes: z.number().int().min(1).max(MINUTES_30_DAYS).optional().describe('Required with outcome retry_after'),
    shortcut: z.string().regex(/^[0-9]$/, 'A shortcut is one digit 0–9.').nullable().optional().describe('Keyboard digit on the wrap-up dialog'),
  })
  .strict()
  .meta({ id: 'WrapUpCodeInput' });

const guideId = z.string().trim().min(1).max(40);
export const callGuideSchema = z
  .object({
    questions: z
      .array(
        z
          .object({
            id: guideId,
            text: z.string().trim().min(1).max(500),
            answers: z
              .array(
                z
                  .object({
                    id: guideId,
                    text: z.string().trim().min(1).max(200),
                    next: guideId.nullable().describe('The question this answer leads to; null ends the guide'),
                  })
                  .strict(),
              )
              .min(1, 'Every question needs at least one answer.')
              .max(20),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict()
  .meta({ id: 'CallGuide' });

/** D4: the order records are taken in. */
export const recordOrderings = ['sort', 'answer_likelihood'] as const;
export type RecordOrdering = (typeof recordOrderings)[number];

export const sortKeySchema = z
  .object({
    column: z.string().trim().min(1).max(200).describe('A list column as named in the file (custom columns too)'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    compareAs: z.enum(['text', 'number', 'date']).default('text').describe('number sorts 9 before 10'),
  })
  .strict();

export const previewSettingsSchema = z
  .object({
    autoAccept: z.boolean().describe('Open offered records without the agent clicking Accept (P1)'),
    reviewTimeoutSeconds: z.number().int().min(5).max(3600).nullable().describe('After this long in review the recommended number is dialed automatically (P5); null = never'),
    skipAllowed: z.boolean().describe('Agents may skip a record (P4)'),
    maxSkipsPerRecord: z.number().int().min(1).max(100).nullable().describe('After this many skips the record is no longer offered for skipping; null = unlimited'),
  })
  .partial()
  .strict()
  .meta({ id: 'PreviewSettings' });

export const amdSettingsSchema = z
  .object({
    onMachine: z.enum(['hang_up_retry', 'leave_message', 'pass_to_agent']).describe('D5: what to do when a machine answers'),
    message: z.string().trim().min(1).max(1000).nullable().optional().describe('Played to the machine: text (spoken by text-to-speech) or the name of an uploaded recording (sorry.wav, see /api/recordings); required with leave_message'),
  })
  .strict()
  .meta({ id: 'AmdSettings' });

/** Every field a campaign has besides its status; all optional here, required ones checked per use. */
export const campaignFields = z.object({
  name: z.string().trim().min(1).max(120),
  mode: z.enum(dialingModes),
  queueId: z.number().int().positive(),
  ownerColumn: z.string().trim().min(1).max(200).nullable().describe('O1: the list column with the owner\'s email or user ID; agent_owned_preview only'),
  callerId: e164.nullable(),
  regulatoryProfile: z.enum(['us', 'uk', 'none']).describe('us: TCPA (3% abandon over 30 days, 08:00–21:00); uk: Ofcom (3% over 24 hours, 72 h before redialing an abandoned number)'),
  linesPerAgent: z.number().int().min(1).max(3).nullable().describe('power only: simultaneous lines per agent (D2)'),
  abandonTarget: z.number().min(0.1).max(10).nullable().describe('predictive only: abandon-rate cap in percent (D3), default 3'),
  abandonWindow: z.enum(['us', 'uk']).nullable().describe('predictive only: us = rolling 30 days, uk = rolling 24 hours'),
  contactableTimes: contactableTimesSchema,
  retryRules: retryRulesSchema,
  wrapUpCodes: z.array(wrapUpCodeSchema).max(100).describe('Custom codes; the system codes are always added and may be relabelled or remapped here'),
  previewCompleteCode: z.string().trim().min(1).max(40).nullable().describe('Preview modes: the code used by "Complete" without calling (P3), default bad_record'),
  callGuide: callGuideSchema.nullable(),
  screenPopFields: z.array(z.string().trim().min(1).max(200)).max(40).describe('List columns shown to the agent (P2)'),
  sortOrder: z.array(sortKeySchema).max(5).describe('L3: the order records are dialed/offered in; never by the owner column (O6)'),
  ordering: z
    .enum(recordOrderings)
    .describe("D4: sort (default) = due retries, then fresh records in sortOrder; answer_likelihood = the records likeliest to be answered now first, from the campaign's answer rate per local hour of day (weekday/weekend) and each record's own earlier tries; sortOrder breaks ties"),
  preview: previewSettingsSchema.nullable(),
  wrapUpTimeoutSeconds: z.number().int().min(5).max(3600).nullable().describe('D8: wrap-up ends with the default code after this long; null = no limit'),
  abandonMessage: z.string().trim().min(1).max(1000).nullable().describe('D6: played on an abandoned call (power, predictive): text (spoken by text-to-speech) or the name of an uploaded recording (sorry.wav, see /api/recordings)'),
  amd: amdSettingsSchema.nullable(),
});

export const createCampaignBody = campaignFields
  .partial()
  .required({ name: true, mode: true, queueId: true })
  .extend({
    listIds: z.array(z.number().int().positive()).max(50).optional().describe('Contact lists to attach now'),
    dncListIds: z.array(z.number().int().positive()).max(50).optional().describe('Do-not-call lists to check'),
  })
  .strict()
  .meta({ id: 'CampaignCreate' });
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;

export const updateCampaignBody = campaignFields
  .partial()
  .strict()
  .meta({ id: 'CampaignUpdate', description: 'Each field sent replaces the stored one; inside it, omitted keys take their defaults. mode, queueId and ownerColumn are locked (O7).' });
export type UpdateCampaignInput = z.infer<typeof updateCampaignBody>;
