-- Contacts, conversations, messages and what happens to them.

CREATE TABLE contacts (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id            BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_id        BIGINT NOT NULL,
    platform          TEXT   NOT NULL,
    -- WhatsApp wa_id exactly as Meta sent it (never normalised) or the Instagram IGSID
    external_id       TEXT,
    -- WhatsApp business-scoped user id (BSUID) and its parent, when Meta sends them
    scoped_user_id    TEXT,
    parent_scoped_user_id TEXT,
    name              TEXT,
    username          TEXT,
    attributes        JSONB   NOT NULL DEFAULT '{}',
    marketing_opt_out BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (id, org_id),
    FOREIGN KEY (channel_id, org_id) REFERENCES channels (id, org_id) ON DELETE CASCADE,
    CHECK (external_id IS NOT NULL OR scoped_user_id IS NOT NULL OR platform = 'INSTAGRAM')
);
CREATE UNIQUE INDEX contacts_external ON contacts (channel_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX contacts_scoped ON contacts (channel_id, scoped_user_id) WHERE scoped_user_id IS NOT NULL;
CREATE INDEX contacts_org ON contacts (org_id);

CREATE TABLE conversations (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id                 BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_id             BIGINT NOT NULL,
    contact_id             BIGINT NOT NULL,
    -- DM: the direct conversation; COMMENTS: an Instagram comment thread on one media (thread_ref);
    -- MENTIONS: where mentions of the business on a media land
    kind                   TEXT   NOT NULL DEFAULT 'DM' CHECK (kind IN ('DM', 'COMMENTS', 'MENTIONS')),
    thread_ref             TEXT   NOT NULL DEFAULT '',
    status                 TEXT   NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'PENDING', 'RESOLVED')),
    assignee_user_id       BIGINT,
    team_id                BIGINT,
    last_message_at        TIMESTAMPTZ,
    last_message_preview   TEXT,
    last_message_direction TEXT,
    -- Meta's timestamp of the customer's last message: the customer-service window runs from it
    last_inbound_at        TIMESTAMPTZ,
    -- a click-to-WhatsApp ad entry opens a 72-hour free-entry window instead of 24 hours
    free_entry_until       TIMESTAMPTZ,
    referral               JSONB,
    unread_count           INT    NOT NULL DEFAULT 0,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (id, org_id),
    -- one conversation per channel, contact and thread: resolving closes it, the next message reopens it
    UNIQUE (channel_id, contact_id, kind, thread_ref),
    FOREIGN KEY (channel_id, org_id) REFERENCES channels (id, org_id) ON DELETE CASCADE,
    FOREIGN KEY (contact_id, org_id) REFERENCES contacts (id, org_id) ON DELETE CASCADE,
    FOREIGN KEY (assignee_user_id, org_id) REFERENCES users (id, org_id)
);
CREATE INDEX conversations_org_recent ON conversations (org_id, last_message_at DESC);

CREATE TABLE messages (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id                BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    conversation_id       BIGINT NOT NULL,
    channel_id            BIGINT NOT NULL,
    -- wamid / Instagram mid / comment id; unique per channel so Meta's retries are harmless
    provider_message_id   TEXT,
    -- the desktop's id for a message it sent (its Idempotency-Key)
    client_id             UUID,
    direction             TEXT   NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    content_type          TEXT   NOT NULL,
    content               JSONB  NOT NULL,
    original_content      JSONB,  -- before the first edit
    preview               TEXT   NOT NULL DEFAULT '',
    context               JSONB,
    referral              JSONB,
    reply_to_provider_id  TEXT,
    status                TEXT,   -- outbound only: PENDING .. READ, FAILED
    status_at             TIMESTAMPTZ,
    error                 JSONB,
    sender_user_id        BIGINT,
    -- when Meta says it happened (the receive time when Meta gives none)
    sent_at               TIMESTAMPTZ NOT NULL,
    edited_at             TIMESTAMPTZ,
    deleted_at            TIMESTAMPTZ,
    media_state           TEXT CHECK (media_state IN ('PENDING', 'STORED', 'FAILED', 'NOT_KEPT')),
    media_key             TEXT,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (id, org_id),
    FOREIGN KEY (conversation_id, org_id) REFERENCES conversations (id, org_id) ON DELETE CASCADE,
    FOREIGN KEY (channel_id, org_id) REFERENCES channels (id, org_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX messages_provider_id ON messages (channel_id, provider_message_id) WHERE provider_message_id IS NOT NULL;
CREATE UNIQUE INDEX messages_client_id ON messages (org_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_conversation ON messages (conversation_id, sent_at, id);

-- Every delivery report, kept as history. A report for a message not seen yet waits here and is
-- applied when the message appears.
CREATE TABLE message_status_events (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id               BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_id           BIGINT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    provider_message_id  TEXT   NOT NULL,
    status               TEXT   NOT NULL,
    occurred_at          TIMESTAMPTZ NOT NULL,
    recipient_id         TEXT,
    errors               JSONB,
    pricing_category     TEXT,
    conversation_origin  TEXT,
    received_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (channel_id, provider_message_id, status, occurred_at)
);
CREATE INDEX message_status_events_org ON message_status_events (org_id);

-- The current reaction of each reactor on a message, keyed by the target's provider id so that a
-- reaction can arrive before its message. A removal keeps the row with emoji NULL, so that an older
-- reaction replayed later cannot bring it back.
CREATE TABLE message_reactions (
    org_id               BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_id           BIGINT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    target_provider_id   TEXT   NOT NULL,
    reactor              TEXT   NOT NULL,  -- 'customer', 'business' or 'user:<id>'
    emoji                TEXT,
    reacted_at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel_id, target_provider_id, reactor)
);
CREATE INDEX message_reactions_org ON message_reactions (org_id);

-- Edits and deletions, keyed by their target so that they apply even when the target arrives later.
CREATE TABLE message_revisions (
    org_id               BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_id           BIGINT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    target_provider_id   TEXT   NOT NULL,
    kind                 TEXT   NOT NULL CHECK (kind IN ('EDIT', 'DELETE')),
    occurred_at          TIMESTAMPTZ NOT NULL,
    content              JSONB,
    PRIMARY KEY (channel_id, target_provider_id, kind, occurred_at)
);
CREATE INDEX message_revisions_org ON message_revisions (org_id);

-- Account-level news for admins: template status/quality/category, number quality, account updates.
CREATE TABLE account_notices (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_id   BIGINT REFERENCES channels (id) ON DELETE CASCADE,
    kind         TEXT   NOT NULL,
    subject      TEXT,
    status       TEXT,
    summary      TEXT   NOT NULL,
    attributes   JSONB  NOT NULL DEFAULT '{}',
    occurred_at  TIMESTAMPTZ NOT NULL,
    dedupe_key   TEXT   NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (org_id, dedupe_key)
);
CREATE INDEX account_notices_org ON account_notices (org_id, occurred_at DESC);

-- Files to copy from Meta into our own storage before their links expire.
CREATE TABLE media_downloads (
    message_id        BIGINT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    org_id            BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_id        BIGINT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    provider_media_id TEXT,
    url               TEXT,
    state             TEXT   NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts          INT    NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error        TEXT,
    CHECK (provider_media_id IS NOT NULL OR url IS NOT NULL)
);
CREATE INDEX media_downloads_due ON media_downloads (next_attempt_at) WHERE state = 'pending';

-- The change feed the desktop apps sync from. The cursor is (xid, id): a reader only reads events of
-- transactions older than every transaction still running (pg_snapshot_xmin), so an event that
-- commits late can never land behind a cursor a client already holds.
CREATE TABLE change_events (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id           BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    xid              BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    conversation_id  BIGINT,
    type             TEXT   NOT NULL,
    payload          JSONB  NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX change_events_feed ON change_events (org_id, xid, id);
