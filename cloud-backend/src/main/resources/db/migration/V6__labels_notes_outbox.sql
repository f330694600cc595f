-- Labels and private notes on conversations; the idempotency of messages written by agents.

CREATE TABLE conversation_labels (
    org_id           BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    label            TEXT   NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
    added_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, label)
);
CREATE INDEX conversation_labels_org ON conversation_labels (org_id, label);

CREATE TABLE notes (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id           BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_user_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    text             TEXT   NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX notes_conversation ON notes (conversation_id, created_at);

CREATE INDEX conversations_assignee ON conversations (org_id, assignee_user_id, last_message_at DESC);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orqestra_tenant') THEN
        ALTER TABLE conversation_labels ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON conversation_labels TO orqestra_tenant
            USING (org_id = nullif(current_setting('app.org_id', true), '')::bigint);
        ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON notes TO orqestra_tenant
            USING (org_id = nullif(current_setting('app.org_id', true), '')::bigint);
    END IF;
END $$;
