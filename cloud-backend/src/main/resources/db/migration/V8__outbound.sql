-- Sending through the Graph API: one job per Graph write, templates synced from each WhatsApp Business
-- Account, files agents upload for sending, per-number pacing, and what a channel needs to send.

-- The send rate kept on the number (Meta's throughput: 80 messages per second unless raised, up to
-- 1,000) and the moment Meta refused the channel's token (error 190): nothing is sent until an admin
-- pastes a new one.
ALTER TABLE channels ADD COLUMN messages_per_second INT NOT NULL DEFAULT 80
    CHECK (messages_per_second BETWEEN 1 AND 1000);
ALTER TABLE channels ADD COLUMN token_invalid_since TIMESTAMPTZ;

-- A moderator hid this Instagram comment from the public.
ALTER TABLE messages ADD COLUMN hidden_at TIMESTAMPTZ;

-- One Graph API write waiting, under way or finished: a message, a reaction, a read receipt, or a
-- template sync of a business account. Jobs to one recipient go out one at a time, oldest first, so
-- replies keep their order; QUEUED → SENDING → DONE, or back to QUEUED with a later next_attempt_at,
-- or FAILED. UNCONFIRMED: the request may have reached Meta but no answer came back — it is never
-- sent again; a status webhook naming it (biz_opaque_callback_data) confirms it, else it fails after a
-- grace period.
CREATE TABLE outbound_jobs (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id               BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_id           BIGINT NOT NULL,
    conversation_id      BIGINT,
    message_id           BIGINT REFERENCES messages (id) ON DELETE CASCADE,
    kind                 TEXT   NOT NULL CHECK (kind IN ('MESSAGE', 'REACTION', 'MARK_READ', 'TEMPLATE_SYNC')),
    -- who the write is for (wa_id, IGSID, comment id, WABA id): jobs with the same recipient on a
    -- channel are sent in order and paced
    recipient            TEXT   NOT NULL,
    api                  TEXT   NOT NULL CHECK (api IN ('WHATSAPP', 'INSTAGRAM')),
    method               TEXT   NOT NULL DEFAULT 'POST',
    path                 TEXT   NOT NULL,
    body                 JSONB,
    -- a file to upload to WhatsApp first ({uploadId, pointer, mimeType, filename}); the media id it
    -- got is kept so that a retry does not upload it again
    media_upload         JSONB,
    uploaded_media_id    TEXT,
    -- the send is held to the customer-service window at the moment it goes out, not only when queued
    window_rule          TEXT   NOT NULL DEFAULT 'NONE',
    -- what to undo or record when the job ends (a reaction's previous emoji, a private reply's comment)
    details              JSONB  NOT NULL DEFAULT '{}',
    state                TEXT   NOT NULL DEFAULT 'QUEUED'
                                CHECK (state IN ('QUEUED', 'SENDING', 'DONE', 'FAILED', 'UNCONFIRMED')),
    attempts             INT    NOT NULL DEFAULT 0,
    next_attempt_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_until          TIMESTAMPTZ,
    -- set just before the request is written: a job whose instance died after this may have reached Meta
    request_started_at   TIMESTAMPTZ,
    unconfirmed_since    TIMESTAMPTZ,
    provider_id          TEXT,
    last_error           TEXT,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at          TIMESTAMPTZ,
    FOREIGN KEY (channel_id, org_id) REFERENCES channels (id, org_id) ON DELETE CASCADE
);
CREATE INDEX outbound_jobs_open ON outbound_jobs (channel_id, recipient, id) WHERE state IN ('QUEUED', 'SENDING');
CREATE INDEX outbound_jobs_due ON outbound_jobs (next_attempt_at) WHERE state = 'QUEUED';
CREATE INDEX outbound_jobs_unconfirmed ON outbound_jobs (unconfirmed_since) WHERE state = 'UNCONFIRMED';
CREATE INDEX outbound_jobs_pair ON outbound_jobs (channel_id, recipient, request_started_at);
CREATE INDEX outbound_jobs_message ON outbound_jobs (message_id);
CREATE INDEX outbound_jobs_org ON outbound_jobs (org_id, kind, created_at DESC);
-- an Instagram comment gets at most one private reply
CREATE UNIQUE INDEX outbound_jobs_private_reply ON outbound_jobs (channel_id, (details->>'privateReplyTo'))
    WHERE details ? 'privateReplyTo' AND state <> 'FAILED';

-- Send slots per channel, shared by every backend instance: each takes a block of slots at the
-- number's pace, so that together they never exceed it.
CREATE TABLE outbound_pacing (
    channel_id    BIGINT PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    next_slot_at  TIMESTAMPTZ NOT NULL
);

-- Templates of a WhatsApp Business Account, as Meta returns them, kept current by template webhooks.
CREATE TABLE message_templates (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id            BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    waba_id           TEXT   NOT NULL,
    meta_template_id  TEXT,
    name              TEXT   NOT NULL,
    language          TEXT   NOT NULL,
    status            TEXT   NOT NULL,
    category          TEXT,
    quality_score     TEXT,
    parameter_format  TEXT   NOT NULL DEFAULT 'POSITIONAL',
    components        JSONB  NOT NULL DEFAULT '[]',
    rejected_reason   TEXT,
    synced_at         TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (org_id, waba_id, name, language)
);
CREATE INDEX message_templates_meta_id ON message_templates (org_id, waba_id, meta_template_id);

-- Files an agent uploaded to send; kept in media storage under storage_key.
CREATE TABLE outbound_uploads (
    id            UUID PRIMARY KEY,
    org_id        BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    storage_key   TEXT   NOT NULL,
    mime_type     TEXT   NOT NULL,
    filename      TEXT,
    size_bytes    BIGINT NOT NULL,
    uploaded_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX outbound_uploads_org ON outbound_uploads (org_id);

DO $$
DECLARE
    t TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orqestra_tenant') THEN
        RETURN;
    END IF;
    FOREACH t IN ARRAY ARRAY['outbound_jobs', 'message_templates', 'outbound_uploads']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I TO orqestra_tenant USING '
                       || '(org_id = nullif(current_setting(''app.org_id'', true), '''')::bigint)', t);
    END LOOP;
END $$;
