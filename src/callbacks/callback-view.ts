import { z } from 'zod';
import type { Callback } from '../storage/schema.js';

export const callbackView = z
  .object({
    id: z.number(),
    campaignId: z.number(),
    recordId: z.number(),
    batch: z.string().nullable(),
    dialGroup: z.string().nullable(),
    phone: z.string(),
    windowStart: z.string(),
    windowEnd: z.string(),
    timeZone: z.string(),
    assigneeId: z.number().nullable(),
    notes: z.string(),
    status: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.number().nullable(),
  })
  .meta({ id: 'Callback' });
export type CallbackView = z.infer<typeof callbackView>;

export const toCallbackView = (c: Callback): CallbackView => ({
  id: c.id,
  campaignId: c.campaign_id,
  recordId: c.record_id,
  batch: c.batch,
  dialGroup: c.dial_group,
  phone: c.phone,
  windowStart: c.window_start.toISOString(),
  windowEnd: c.window_end.toISOString(),
  timeZone: c.time_zone,
  assigneeId: c.assignee_id,
  notes: c.notes,
  status: c.status,
  createdAt: c.created_at.toISOString(),
  updatedAt: c.updated_at.toISOString(),
  updatedBy: c.updated_by,
});
