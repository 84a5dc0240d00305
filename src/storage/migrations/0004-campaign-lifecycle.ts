import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * Campaign administration (L8, L7): when the status last changed, how often the campaign was
 * recycled, who changed it last, and the history of every lifecycle action — the engine and
 * the reports read these. An index for listing campaigns by queue (agents see their queues').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE campaigns
      ADD COLUMN status_changed_at timestamptz,
      ADD COLUMN first_started_at  timestamptz,
      ADD COLUMN recycle_count     integer NOT NULL DEFAULT 0,
      ADD COLUMN last_recycled_at  timestamptz,
      ADD COLUMN updated_by        integer REFERENCES users(id);
    CREATE INDEX campaigns_queue_idx ON campaigns (queue_id) WHERE deleted_at IS NULL;

    CREATE TABLE campaign_status_changes (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      campaign_id  integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      action       text NOT NULL CHECK (action IN ('start', 'pause', 'stop', 'recycle', 'complete')),
      from_status  text NOT NULL,
      to_status    text NOT NULL,
      actor_id     integer REFERENCES users(id),
      at           timestamptz NOT NULL
    );
    CREATE INDEX campaign_status_changes_campaign_idx ON campaign_status_changes (campaign_id, at);
  `);
}
