import { z } from 'zod';
import { ALERTS, callbackAlert } from './callback-alert.js';
import type { CallbackRow } from './callback-rows.js';

/** A callback as every callback route answers it (C3), with its alert as of the server's clock. */
export const callbackView = z
  .object({
    id: z.number(),
    alert: z.enum(ALERTS).nullable().describe('overdue (window ended, still open), due (inside the window), approaching (starts within 10 minutes), or null'),
    status: z.string().describe('pending, delivered (in an agent\'s hands), done or cancelled'),
    windowStart: z.string(),
    windowEnd: z.string(),
    timeZone: z.string(),
    campaignId: z.number(),
    campaignName: z.string(),
    batch: z.string().nullable(),
    listId: z.number().nullable().describe('null when the list was deleted'),
    listName: z.string().nullable(),
    dialGroup: z.string().describe("the queue that dials it: the campaign's queue unless set on the callback"),
    recordId: z.number(),
    name: z.string().nullable(),
    phoneticName: z.string().nullable(),
    phone: z.string(),
    assigneeId: z.number().nullable().describe('null: anyone in the queue'),
    assigneeName: z.string().nullable(),
    notes: z.string(),
    createdAt: z.string(),
    createdBy: z.number().nullable(),
    updatedAt: z.string(),
    updatedBy: z.number().nullable(),
    updatedByName: z.string().nullable(),
  })
  .meta({ id: 'Callback' });
export type CallbackView = z.infer<typeof callbackView>;

export const toCallbackView = (c: CallbackRow, now: Date): CallbackView => ({
  id: c.id,
  alert: callbackAlert(c, now),
  status: c.status,
  windowStart: c.window_start.toISOString(),
  windowEnd: c.window_end.toISOString(),
  timeZone: c.time_zone,
  campaignId: c.campaign_id,
  campaignName: c.campaign_name,
  batch: c.batch,
  listId: c.list_id,
  listName: c.list_name,
  dialGroup: c.dial_group ?? c.queue_name,
  recordId: c.record_id,
  name: c.name,
  phoneticName: c.phonetic_name,
  phone: c.phone,
  assigneeId: c.assignee_id,
  assigneeName: c.assignee_name,
  notes: c.notes,
  createdAt: c.created_at.toISOString(),
  createdBy: c.created_by,
  updatedAt: c.updated_at.toISOString(),
  updatedBy: c.updated_by,
  updatedByName: c.updated_by_name,
});
