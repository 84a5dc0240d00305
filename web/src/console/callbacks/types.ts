import type { CallbackItem } from '../../api/types';

/** What the callback API answers (src/callbacks/callback-view.ts), as the callbacks page reads it. */
export type Alert = 'overdue' | 'due' | 'approaching';
export const ALERTS: readonly Alert[] = ['overdue', 'due', 'approaching'];
export const STATUSES = ['pending', 'delivered', 'done', 'cancelled'] as const;
export const NOTES_MAX = 500;

/** The full callback of the search (C3): the desktop's CallbackItem and the rest of its columns. */
export interface Callback extends CallbackItem {
  alert: Alert | null;
  batch: string | null;
  listId: number | null;
  listName: string | null;
  dialGroup: string;
  assigneeName: string | null;
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
  updatedBy: number | null;
  updatedByName: string | null;
}

/** PATCH /api/callbacks/{id} (C4): only what changed is sent. */
export interface CallbackChanges {
  windowStart?: string;
  windowEnd?: string;
  timeZone?: string;
  assigneeId?: number | null;
  dialGroup?: string | null;
  notes?: string;
}

/** A refused callback of an all-or-nothing reassignment (details.refused, C8). */
export interface Refusal {
  callbackId: number;
  campaignId: number | null;
  reason: string;
  message: string;
}

export interface CampaignChoice {
  id: number;
  name: string;
  queueId: number;
  queueName: string;
  canEdit?: boolean;
}

export interface Member {
  userId: number;
  displayName: string;
  userCode: string;
}
