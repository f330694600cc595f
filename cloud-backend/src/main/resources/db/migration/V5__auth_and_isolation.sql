-- Sessions, refresh tokens, sign-in throttling, invitations, platform administrators, the audit log,
-- and row-level security as a second line of tenant isolation.

CREATE TABLE sessions (
    id           UUID PRIMARY KEY,
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at   TIMESTAMPTZ,
    user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Refresh tokens are stored as SHA-256 hashes and rotate on every use. Presenting one that was
-- already used means it leaked: the whole session is revoked.
CREATE TABLE refresh_tokens (
    token_hash   TEXT PRIMARY KEY,
    session_id   UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Failed sign-ins per email, for growing delays and a temporary lock.
CREATE TABLE login_attempts (
    email          TEXT PRIMARY KEY,
    failures       INT NOT NULL DEFAULT 0,
    last_failed_at TIMESTAMPTZ,
    locked_until   TIMESTAMPTZ
);

-- One-time invitation tokens (hashed). The invited user exists already, without a password.
CREATE TABLE invitations (
    token_hash   TEXT PRIMARY KEY,
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invited_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    accepted_at  TIMESTAMPTZ
);
CREATE INDEX invitations_user ON invitations (user_id);

-- Operators of the whole installation, not members of any organization.
CREATE TABLE platform_admins (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
    password_hash  TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    actor_name  TEXT,
    action      TEXT NOT NULL,
    subject     TEXT,
    details     JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_org ON audit_log (org_id, at DESC);

ALTER TABLE users ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

-- Row-level security. Requests for an organization run as the role orqestra_tenant with app.org_id
-- set; the policies then hide every row of other organizations even if a query forgot its org_id
-- condition. Needs the right to create a role; where the database user lacks it (some managed
-- servers) the backend says so at startup and relies on its queries alone.
DO $$
BEGIN
    BEGIN
        CREATE ROLE orqestra_tenant NOLOGIN;
    EXCEPTION
        WHEN duplicate_object THEN NULL;
        WHEN insufficient_privilege THEN
            RAISE NOTICE 'orqestra_tenant not created (%); row-level security stays off', SQLERRM;
            RETURN;
    END;
    BEGIN
        EXECUTE format('GRANT orqestra_tenant TO %I', current_user);
    EXCEPTION WHEN insufficient_privilege OR duplicate_object THEN NULL;
    END;
END $$;

DO $$
DECLARE
    t TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orqestra_tenant') THEN
        RETURN;
    END IF;
    EXECUTE 'GRANT USAGE ON SCHEMA ' || quote_ident(current_schema()) || ' TO orqestra_tenant';
    EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ' || quote_ident(current_schema()) || ' TO orqestra_tenant';
    EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ' || quote_ident(current_schema()) || ' TO orqestra_tenant';
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA ' || quote_ident(current_schema())
        || ' GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO orqestra_tenant';
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA ' || quote_ident(current_schema())
        || ' GRANT USAGE, SELECT ON SEQUENCES TO orqestra_tenant';
    FOREACH t IN ARRAY ARRAY['roles', 'users', 'channels', 'contacts', 'conversations', 'messages',
                             'message_status_events', 'message_reactions', 'message_revisions', 'account_notices',
                             'media_downloads', 'change_events', 'sessions', 'invitations', 'audit_log',
                             'unsupported_events']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I TO orqestra_tenant USING '
                       || '(org_id = nullif(current_setting(''app.org_id'', true), '''')::bigint)', t);
    END LOOP;
    -- the organization row itself
    ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON organizations TO orqestra_tenant
        USING (id = nullif(current_setting('app.org_id', true), '')::bigint);
END $$;
