import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * The foundation schema: accounts and access, queues, contact lists and their imports,
 * do-not-call lists, campaigns and callbacks. Forward-only: never edit a migration that
 * has shipped; add the next numbered file instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE users (
      id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email         text NOT NULL,
      user_code     text NOT NULL,
      display_name  text NOT NULL,
      role          text NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
      password_hash text,
      locale        text NOT NULL DEFAULT 'en',
      time_zone     text NOT NULL DEFAULT 'UTC',
      disabled      boolean NOT NULL DEFAULT false,
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));
    CREATE UNIQUE INDEX users_user_code_key ON users (lower(user_code));

    CREATE TABLE sessions (
      token_hash  text PRIMARY KEY,
      user_id     integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at  timestamptz NOT NULL,
      expires_at  timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE api_tokens (
      id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id      integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name         text NOT NULL,
      token_hash   text NOT NULL UNIQUE,
      created_at   timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at   timestamptz
    );

    CREATE TABLE queues (
      id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name        text NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX queues_name_key ON queues (lower(name));

    CREATE TABLE queue_members (
      queue_id  integer NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
      user_id   integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      added_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (queue_id, user_id)
    );
    CREATE INDEX queue_members_user_idx ON queue_members (user_id);

    CREATE TABLE contact_lists (
      id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name            text NOT NULL,
      default_region  text NOT NULL DEFAULT 'US',
      default_time_zone text,
      created_by      integer REFERENCES users(id),
      created_at      timestamptz NOT NULL DEFAULT now(),
      deleted_at      timestamptz
    );
    CREATE UNIQUE INDEX contact_lists_name_key ON contact_lists (lower(name)) WHERE deleted_at IS NULL;

    -- One upload into a list. Its records become visible together when status turns
    -- 'committed'; an import that fails or dies midway is never visible and is swept on start.
    CREATE TABLE list_imports (
      id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      list_id      integer NOT NULL REFERENCES contact_lists(id) ON DELETE CASCADE,
      status       text NOT NULL CHECK (status IN ('running', 'committed', 'failed')),
      file_name    text,
      encoding     text,
      mapping      jsonb NOT NULL DEFAULT '{}',
      bytes_total  bigint,
      bytes_read   bigint NOT NULL DEFAULT 0,
      rows_read    integer NOT NULL DEFAULT 0,
      imported     integer NOT NULL DEFAULT 0,
      rejected     integer NOT NULL DEFAULT 0,
      duplicates   integer NOT NULL DEFAULT 0,
      error        jsonb,
      created_by   integer REFERENCES users(id),
      started_at   timestamptz NOT NULL DEFAULT now(),
      finished_at  timestamptz
    );
    CREATE INDEX list_imports_list_idx ON list_imports (list_id);

    CREATE TABLE list_import_errors (
      import_id  integer NOT NULL REFERENCES list_imports(id) ON DELETE CASCADE,
      row_number integer NOT NULL,
      column_name text,
      value      text,
      reason     text NOT NULL
    );
    CREATE INDEX list_import_errors_import_idx ON list_import_errors (import_id, row_number);

    CREATE TABLE contact_records (
      id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      list_id        integer NOT NULL REFERENCES contact_lists(id) ON DELETE CASCADE,
      import_id      integer NOT NULL REFERENCES list_imports(id) ON DELETE CASCADE,
      row_number     integer NOT NULL,
      name           text,
      phonetic_name  text,
      time_zone      text,
      time_zone_source text CHECK (time_zone_source IN ('column', 'postal_code', 'phone', 'default')),
      postal_code    text,
      region         text,
      owner_ref      text,
      phones         jsonb NOT NULL,
      custom         jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX contact_records_list_idx ON contact_records (list_id, id);
    CREATE INDEX contact_records_import_idx ON contact_records (import_id);
    CREATE INDEX contact_records_owner_idx ON contact_records (list_id, lower(owner_ref)) WHERE owner_ref IS NOT NULL;

    CREATE TABLE dnc_lists (
      id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name        text NOT NULL,
      source      text NOT NULL DEFAULT 'internal' CHECK (source IN ('internal', 'imported')),
      created_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX dnc_lists_name_key ON dnc_lists (lower(name));

    -- E.164 digits without '+', as a number: 15 digits fit exactly in bigint.
    CREATE TABLE dnc_numbers (
      list_id   integer NOT NULL REFERENCES dnc_lists(id) ON DELETE CASCADE,
      number    bigint NOT NULL,
      added_at  timestamptz NOT NULL DEFAULT now(),
      added_by  integer REFERENCES users(id),
      reason    text,
      PRIMARY KEY (list_id, number)
    );
    CREATE INDEX dnc_numbers_number_idx ON dnc_numbers (number);

    CREATE TABLE campaigns (
      id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name          text NOT NULL,
      mode          text NOT NULL CHECK (mode IN ('preview', 'agent_owned_preview', 'progressive', 'power', 'predictive')),
      queue_id      integer NOT NULL REFERENCES queues(id),
      owner_column  text,
      status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'paused', 'stopped', 'complete')),
      settings      jsonb NOT NULL,
      created_by    integer REFERENCES users(id),
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now(),
      deleted_at    timestamptz
    );
    CREATE UNIQUE INDEX campaigns_name_key ON campaigns (lower(name)) WHERE deleted_at IS NULL;

    CREATE TABLE campaign_lists (
      campaign_id integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      list_id     integer NOT NULL REFERENCES contact_lists(id),
      position    integer NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, list_id)
    );

    CREATE TABLE campaign_dnc_lists (
      campaign_id integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      dnc_list_id integer NOT NULL REFERENCES dnc_lists(id),
      PRIMARY KEY (campaign_id, dnc_list_id)
    );

    CREATE TABLE campaign_grants (
      campaign_id integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      user_id     integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      granted_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (campaign_id, user_id)
    );

    CREATE TABLE callbacks (
      id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      campaign_id    integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      record_id      bigint NOT NULL REFERENCES contact_records(id) ON DELETE CASCADE,
      batch          text,
      dial_group     text,
      phone          text NOT NULL,
      window_start   timestamptz NOT NULL,
      window_end     timestamptz NOT NULL,
      time_zone      text NOT NULL,
      assignee_id    integer REFERENCES users(id),
      notes          text NOT NULL DEFAULT '' CHECK (char_length(notes) <= 500),
      status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'done', 'cancelled')),
      created_at     timestamptz NOT NULL,
      created_by     integer REFERENCES users(id),
      updated_at     timestamptz NOT NULL,
      updated_by     integer REFERENCES users(id),
      CHECK (window_end >= window_start)
    );
    CREATE INDEX callbacks_campaign_idx ON callbacks (campaign_id, window_start);
    CREATE INDEX callbacks_assignee_idx ON callbacks (assignee_id, window_start);
    CREATE INDEX callbacks_record_idx ON callbacks (record_id) WHERE status = 'pending';
  `);
}
