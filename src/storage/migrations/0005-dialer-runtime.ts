import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * The dialer runtime (issue 4 points 1, 4, 6, 14): attempts with every timestamp, stored agent
 * state transitions, each record's dial state per campaign, and the campaign lease that lets
 * exactly one engine process pace a campaign.
 *
 * `campaign_records` is what the record buffer reads. Its two partial indexes are the only way
 * records are picked, so a refill is an index range scan with a LIMIT whatever the list size:
 *  - fresh records (never scheduled) per owner and contact zone, in the supervisor's order
 *    (`sort_key`: the campaign's sort columns encoded once, at seeding, so that byte order is
 *    the sort order — see src/dialer/sort-key.ts);
 *  - scheduled records (retries, skips, snoozes, refusals waiting for an allowed time) by when
 *    they are due.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE campaign_records (
      campaign_id      integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      record_id        bigint NOT NULL REFERENCES contact_records(id) ON DELETE CASCADE,
      list_id          integer NOT NULL,
      batch            integer NOT NULL,
      status           text NOT NULL CHECK (status IN ('pending', 'in_progress', 'callback', 'done', 'set_aside')),
      reason           text,
      owner_id         integer NOT NULL DEFAULT 0,
      zone_key         text NOT NULL,
      sort_key         bytea NOT NULL,
      attempts         integer NOT NULL DEFAULT 0,
      skips            integer NOT NULL DEFAULT 0,
      result_counts    jsonb NOT NULL DEFAULT '{}',
      dead_numbers     jsonb NOT NULL DEFAULT '[]',
      next_attempt_at  timestamptz,
      last_result      text,
      last_attempt_at  timestamptz,
      claimed_by       text,
      claimed_at       timestamptz,
      updated_at       timestamptz NOT NULL,
      PRIMARY KEY (campaign_id, record_id)
    );
    CREATE INDEX campaign_records_fresh_idx ON campaign_records (campaign_id, owner_id, zone_key, sort_key, record_id)
      WHERE status = 'pending' AND next_attempt_at IS NULL;
    CREATE INDEX campaign_records_due_idx ON campaign_records (campaign_id, owner_id, next_attempt_at, record_id)
      WHERE status = 'pending' AND next_attempt_at IS NOT NULL;
    CREATE INDEX campaign_records_held_idx ON campaign_records (campaign_id, status) WHERE status IN ('in_progress', 'callback');
    CREATE INDEX campaign_records_record_idx ON campaign_records (record_id);

    -- The contact zones (time zone | country) a campaign's records fall in: a refill asks only open ones.
    CREATE TABLE campaign_zones (
      campaign_id  integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      zone_key     text NOT NULL,
      PRIMARY KEY (campaign_id, zone_key)
    );

    -- One run of the lists (a batch: recycle_count + 1) and the imports already seeded into it.
    CREATE TABLE campaign_batches (
      campaign_id  integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      batch        integer NOT NULL,
      started_at   timestamptz NOT NULL,
      PRIMARY KEY (campaign_id, batch)
    );
    CREATE TABLE campaign_seeded_imports (
      campaign_id  integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      import_id    integer NOT NULL REFERENCES list_imports(id) ON DELETE CASCADE,
      batch        integer NOT NULL,
      seeded_at    timestamptz NOT NULL,
      PRIMARY KEY (campaign_id, import_id)
    );

    CREATE TABLE dial_attempts (
      id                  text PRIMARY KEY,
      campaign_id         integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      batch               integer NOT NULL,
      record_id           bigint NOT NULL,
      callback_id         bigint,
      number_dialed       text,
      agent_id            integer REFERENCES users(id),
      origin              text NOT NULL CHECK (origin IN ('preview', 'dialer')),
      node_id             text NOT NULL,
      queued_at           timestamptz NOT NULL,
      dialed_at           timestamptz,
      ringing_at          timestamptz,
      answered_at         timestamptz,
      connected_at        timestamptz,
      ended_at            timestamptz,
      amd_decision        text,
      system_result       text CHECK (system_result IN ('busy', 'no_answer', 'fax', 'machine', 'bad_number', 'abandoned', 'connected', 'failed')),
      ended_by            text,
      hold_ms             integer NOT NULL DEFAULT 0,
      wrap_up_code        text,
      wrap_up_outcome     text,
      notes               text CHECK (char_length(notes) <= 4000),
      call_guide_answers  jsonb,
      wrapped_up_at       timestamptz
    );
    CREATE INDEX dial_attempts_record_idx ON dial_attempts (campaign_id, record_id, queued_at);
    CREATE INDEX dial_attempts_number_idx ON dial_attempts (number_dialed, queued_at) WHERE number_dialed IS NOT NULL;
    CREATE INDEX dial_attempts_agent_idx ON dial_attempts (agent_id, queued_at) WHERE agent_id IS NOT NULL;
    CREATE INDEX dial_attempts_campaign_idx ON dial_attempts (campaign_id, ended_at);
    CREATE INDEX dial_attempts_open_idx ON dial_attempts (campaign_id, record_id) WHERE ended_at IS NULL AND number_dialed IS NOT NULL;

    CREATE TABLE agent_state_changes (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id      integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      from_state   text NOT NULL,
      to_state     text NOT NULL,
      event        text NOT NULL,
      reason       text,
      campaign_id  integer,
      record_id    bigint,
      call_id      text,
      node_id      text NOT NULL,
      at           timestamptz NOT NULL
    );
    CREATE INDEX agent_state_changes_user_idx ON agent_state_changes (user_id, at);
    CREATE INDEX agent_state_changes_campaign_idx ON agent_state_changes (campaign_id, at) WHERE campaign_id IS NOT NULL;

    -- Point 14: exactly one engine process paces a campaign; it renews this lease, and stops dialing when it cannot.
    CREATE TABLE campaign_leases (
      campaign_id  integer PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
      holder       text NOT NULL,
      acquired_at  timestamptz NOT NULL,
      expires_at   timestamptz NOT NULL
    );

    -- Due callbacks are picked first (C7); only pending ones are looked at.
    CREATE INDEX callbacks_due_idx ON callbacks (campaign_id, window_start) WHERE status = 'pending';
  `);
}
