import { z } from 'zod';

/** Request and response schemas of the agent commands (issue 4 point 11); they also document the OpenAPI. */
const recordId = z.number().int().positive().optional().describe('The record in hand; when sent, a command meant for another record is refused (409)');

export const recordBody = z.object({ recordId }).strict().nullish();

export const notReadyBody = z.object({ reason: z.string().trim().min(1).max(100).describe('Why: break, lunch, training…') }).strict();

export const dialBody = z
  .object({ recordId, number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'Write the number in E.164, e.g. +48221234567.').optional().describe('One of the record\'s numbers; the recommended one when left out (P5)') })
  .strict()
  .nullish();

export const snoozeBody = z.object({ recordId, minutes: z.number().int().min(1).max(10080).optional().describe('Default 15') }).strict().nullish();

export const callbackSchema = z
  .object({
    at: z.string().min(10).max(40).describe('Local date and time in timeZone, e.g. 2026-03-03T10:00 (or an instant with an offset)'),
    timeZone: z.string().max(64).optional().describe("IANA zone; the contact's own by default"),
    number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'Write the number in E.164, e.g. +13125550100.').optional().describe('Another number to call back on'),
    assignee: z.enum(['me', 'queue']).optional().describe('me (default) or anyone in the queue'),
    notes: z.string().max(500).optional(),
    windowMinutes: z.number().int().min(1).max(10080).optional().describe('How long the window stays open (default 60)'),
  })
  .strict()
  .meta({ id: 'CallbackRequest' });

export const rescheduleBody = z.object({ recordId, callback: callbackSchema }).strict();

const answers = z.array(z.object({ questionId: z.string().min(1).max(100), answerId: z.string().min(1).max(100) }).strict()).max(200).optional().describe('D9: call-guide answers');

export const completeBody = z
  .object({ recordId, code: z.string().min(1).max(40).optional().describe("Disposition; the campaign's previewCompleteCode (Bad record) by default"), notes: z.string().max(4000).optional(), answers, callback: callbackSchema.optional() })
  .strict()
  .nullish();

export const wrapUpBody = z
  .object({ recordId, code: z.string().min(1).max(40).describe('A wrap-up code of the campaign (D8)'), notes: z.string().max(4000).optional(), answers, callback: callbackSchema.optional().describe('Required when the code\'s outcome is callback (C1)') })
  .strict();

export const markBody = z.object({ as: z.enum(['machine', 'fax', 'bad_number']).describe('D5: close the call as this and move on') }).strict();

export const campaignParam = z.object({ id: z.coerce.number().int().positive() });

const phone = z.object({ number: z.string(), type: z.string(), column: z.string(), recommended: z.boolean(), allowed: z.boolean(), reason: z.string().nullable(), message: z.string().nullable(), nextAllowedAt: z.string().nullable() });

export const agentView = z
  .object({
    userId: z.number(),
    state: z.string().describe('logged_out, not_ready, ready, reserved.offered, reserved.previewing, on_call.dialing|ringing|amd|active|held, wrap_up'),
    status: z.string(),
    reason: z.string().nullable(),
    notReadyAfter: z.string().nullable().describe('P2: not ready requested for after the current record'),
    since: z.string(),
    campaigns: z.array(z.object({ id: z.number(), name: z.string(), mode: z.string(), dialing: z.boolean() })),
    work: z
      .object({
        campaignId: z.number(),
        campaignName: z.string(),
        mode: z.string(),
        recordId: z.number(),
        callbackId: z.number().nullable(),
        callback: z.object({ phone: z.string(), windowStart: z.string(), windowEnd: z.string(), timeZone: z.string(), notes: z.string() }).nullable(),
        name: z.string().nullable(),
        phoneticName: z.string().nullable(),
        timeZone: z.string().nullable(),
        region: z.string().nullable(),
        phones: z.array(phone),
        screenPop: z.record(z.string(), z.string()),
        attempts: z.number(),
        attemptLimits: z.object({ perRecord: z.number().nullable(), perNumberPerDay: z.number().nullable() }).describe('L6: the campaign limits (null: none)'),
        resultCounts: z.record(z.string(), z.number()).describe('P2: results of the record\'s calls so far'),
        skips: z.number(),
        call: z.object({ id: z.string(), number: z.string(), status: z.string() }).nullable(),
        lastResult: z.string().nullable(),
        reviewDeadline: z.string().nullable(),
        wrapUpDeadline: z.string().nullable(),
        wrapUpCodes: z.array(z.object({ code: z.string(), label: z.string(), outcome: z.string(), shortcut: z.string().nullable() })),
        previewCompleteCode: z.string().nullable(),
        callGuide: z.unknown(),
      })
      .nullable(),
    lines: z.array(z.object({ campaignId: z.number(), callId: z.string(), number: z.string(), status: z.string() })).describe('D2: the power lines dialing for this agent'),
    messages: z.array(z.object({ kind: z.string(), text: z.string(), displaySeconds: z.number().nullable(), at: z.string() })),
    revision: z.number().int().describe('grows with every state the server builds; a view with a lower revision is older than one already shown (starts again at 1 when the server starts)'),
    history: z
      .array(z.object({ attemptId: z.string(), number: z.string().nullable(), agentId: z.number().nullable(), queuedAt: z.string(), connectedAt: z.string().nullable(), endedAt: z.string().nullable(), result: z.string().nullable(), wrapUpCode: z.string().nullable(), notes: z.string().nullable() }))
      .optional()
      .describe('P2: earlier attempts on the record in hand'),
  })
  .meta({ id: 'AgentState' });

/** O11: GET /api/agent/progress. */
export const myProgressView = z
  .array(
    z.object({
      campaignId: z.number(),
      campaignName: z.string(),
      status: z.string(),
      owned: z.number(),
      done: z.number(),
      skipped: z.number().describe('skipped in this batch and not finished: they come back later (P4)'),
      remaining: z.number(),
      errors: z.number().describe('set aside: no dialable number, attempts used up'),
      next: z.array(z.object({ recordId: z.number(), name: z.string().nullable(), phoneticName: z.string().nullable() })).describe('her remaining records (the one in hand too) in the campaign\'s sort order (O6), the first 10'),
    }),
  )
  .meta({ id: 'MyProgress' });
