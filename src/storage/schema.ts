import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the tables created by src/storage/migrations. Keep the two in step. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export type Role = 'admin' | 'supervisor' | 'agent';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  user_code: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  locale: Generated<string>;
  time_zone: Generated<string>;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface QueuesTable {
  id: Generated<number>;
  name: string;
  created_at: Timestamp;
}

export interface QueueMembersTable {
  queue_id: number;
  user_id: number;
  added_at: Timestamp;
}

export interface ContactListsTable {
  id: Generated<number>;
  name: string;
  default_region: Generated<string>;
  default_time_zone: string | null;
  created_by: number | null;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
}

export type ImportStatus = 'running' | 'committed' | 'failed';

export interface ListImportsTable {
  id: Generated<number>;
  list_id: number;
  status: ImportStatus;
  file_name: string | null;
  encoding: string | null;
  mapping: Json<Record<string, unknown>>;
  bytes_total: ColumnType<number | null, number | null | undefined, number | null>;
  bytes_read: Generated<number>;
  rows_read: Generated<number>;
  imported: Generated<number>;
  rejected: Generated<number>;
  duplicates: Generated<number>;
  /** 0002: records of the list this import replaced (same primary number; L2, O10). */
  replaced: Generated<number>;
  error: Json<Record<string, unknown> | null>;
  created_by: number | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ListImportErrorsTable {
  import_id: number;
  row_number: number;
  column_name: string | null;
  value: string | null;
  reason: string;
}

export interface PhoneEntry {
  /** E.164, e.g. +81312345678 */
  number: string;
  /** The type label of the column it came from (mobile, home, work, …). */
  type: string;
  /** The column it came from. */
  column: string;
}

export type TimeZoneSource = 'column' | 'postal_code' | 'phone' | 'default';

export interface ContactRecordsTable {
  id: Generated<number>;
  list_id: number;
  import_id: number;
  row_number: number;
  name: string | null;
  phonetic_name: string | null;
  time_zone: string | null;
  time_zone_source: TimeZoneSource | null;
  postal_code: string | null;
  region: string | null;
  owner_ref: string | null;
  phones: Json<PhoneEntry[]>;
  custom: Json<Record<string, string>>;
}

export interface DncListsTable {
  id: Generated<number>;
  name: string;
  source: Generated<'internal' | 'imported'>;
  created_at: Timestamp;
  /** Kept in step by every change (migration 0003). */
  number_count: Generated<number>;
  updated_at: Timestamp;
}

/** One row: bumped by every DNC change, so each node can tell whether it is behind. */
export interface DncStateTable {
  id: Generated<boolean>;
  version: number;
}

export interface DncNumbersTable {
  list_id: number;
  number: number;
  added_at: Timestamp;
  added_by: number | null;
  reason: string | null;
}

export type DialingMode = 'preview' | 'agent_owned_preview' | 'progressive' | 'power' | 'predictive';
export type CampaignStatus = 'draft' | 'running' | 'paused' | 'stopped' | 'complete';

export interface CampaignsTable {
  id: Generated<number>;
  name: string;
  mode: DialingMode;
  queue_id: number;
  owner_column: string | null;
  status: Generated<CampaignStatus>;
  settings: Json<Record<string, unknown>>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  /** 0004: lifecycle bookkeeping (L8, L7). */
  status_changed_at: Timestamp | null;
  first_started_at: Timestamp | null;
  recycle_count: Generated<number>;
  last_recycled_at: Timestamp | null;
  updated_by: number | null;
}

export type CampaignAction = 'start' | 'pause' | 'stop' | 'recycle' | 'complete';

/** 0004: every lifecycle action taken on a campaign, with who and when. */
export interface CampaignStatusChangesTable {
  id: Generated<number>;
  campaign_id: number;
  action: CampaignAction;
  from_status: CampaignStatus;
  to_status: CampaignStatus;
  actor_id: number | null;
  at: Timestamp;
}

export interface CampaignListsTable {
  campaign_id: number;
  list_id: number;
  position: Generated<number>;
}

export interface CampaignDncListsTable {
  campaign_id: number;
  dnc_list_id: number;
}

export interface CampaignGrantsTable {
  campaign_id: number;
  user_id: number;
  granted_at: Timestamp;
}

export type CallbackStatus = 'pending' | 'delivered' | 'done' | 'cancelled';

export interface CallbacksTable {
  id: Generated<number>;
  campaign_id: number;
  record_id: number;
  batch: string | null;
  dial_group: string | null;
  phone: string;
  window_start: Timestamp;
  window_end: Timestamp;
  time_zone: string;
  assignee_id: number | null;
  notes: Generated<string>;
  status: Generated<CallbackStatus>;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  queues: QueuesTable;
  queue_members: QueueMembersTable;
  contact_lists: ContactListsTable;
  list_imports: ListImportsTable;
  list_import_errors: ListImportErrorsTable;
  contact_records: ContactRecordsTable;
  dnc_lists: DncListsTable;
  dnc_numbers: DncNumbersTable;
  dnc_state: DncStateTable;
  campaigns: CampaignsTable;
  campaign_lists: CampaignListsTable;
  campaign_dnc_lists: CampaignDncListsTable;
  campaign_grants: CampaignGrantsTable;
  campaign_status_changes: CampaignStatusChangesTable;
  callbacks: CallbacksTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Campaign = Selectable<CampaignsTable>;
export type ContactRecord = Selectable<ContactRecordsTable>;
export type Callback = Selectable<CallbacksTable>;
