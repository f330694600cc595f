-- Every webhook body exactly as Meta sent it, committed before Meta gets its 200.
CREATE TABLE webhook_journal (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform         TEXT        NOT NULL CHECK (platform IN ('WHATSAPP', 'INSTAGRAM')),
    received_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    body             BYTEA       NOT NULL,
    -- pending: waiting for a worker; done: every change applied; malformed: not JSON;
    -- failed: gave up after repeated errors (last_error says why)
    state            TEXT        NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'done', 'malformed', 'failed')),
    attempts         INT         NOT NULL DEFAULT 0,
    -- a claimed row is leased until then; a crashed worker's rows come back when the lease ends
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error       TEXT,
    processed_at     TIMESTAMPTZ
);
CREATE INDEX webhook_journal_due ON webhook_journal (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX webhook_journal_problems ON webhook_journal (received_at) WHERE state IN ('failed', 'malformed');

-- Which changes of a journal row have been applied, written in the same transaction as their effects,
-- so that a retried row never applies a change twice.
CREATE TABLE webhook_changes_applied (
    journal_id    BIGINT NOT NULL REFERENCES webhook_journal (id) ON DELETE CASCADE,
    change_index  INT    NOT NULL,
    PRIMARY KEY (journal_id, change_index)
);

-- Changes for an account no organization owns: kept for platform administrators, never dropped.
CREATE TABLE unrouted_changes (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform     TEXT        NOT NULL,
    route_kind   TEXT        NOT NULL,
    account_id   TEXT,
    field        TEXT,
    raw          JSONB       NOT NULL,
    dedupe_key   TEXT        NOT NULL UNIQUE,
    journal_id   BIGINT      REFERENCES webhook_journal (id) ON DELETE SET NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Payload kinds this version does not understand, kept with their raw JSON.
CREATE TABLE unsupported_events (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       BIGINT      REFERENCES organizations (id) ON DELETE CASCADE,
    channel_id   BIGINT      REFERENCES channels (id) ON DELETE CASCADE,
    platform     TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    reason       TEXT,
    error_title  TEXT,
    raw          JSONB,
    dedupe_key   TEXT        NOT NULL UNIQUE,
    journal_id   BIGINT      REFERENCES webhook_journal (id) ON DELETE SET NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX unsupported_events_org ON unsupported_events (org_id, received_at);
