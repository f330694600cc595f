-- Users, roles and channels. Permissions are the dotted names of id.orqestra.model.tenant.Permission.

CREATE TABLE roles (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name         TEXT   NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    built_in     TEXT,  -- OWNER, ADMIN, ... for the built-in roles; NULL for custom roles
    permissions  TEXT[] NOT NULL DEFAULT '{}',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (org_id, name),
    UNIQUE (id, org_id)
);

CREATE TABLE users (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id         BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email          TEXT   NOT NULL CHECK (email = lower(email) AND position('@' IN email) > 1),
    name           TEXT   NOT NULL,
    password_hash  TEXT,  -- bcrypt; NULL until an invitation is accepted
    role_id        BIGINT NOT NULL,
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- one organization per user: sign-in finds the organization from the email
    UNIQUE (email),
    UNIQUE (id, org_id),
    FOREIGN KEY (role_id, org_id) REFERENCES roles (id, org_id)
);

CREATE TABLE channels (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id                BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    platform              TEXT   NOT NULL CHECK (platform IN ('WHATSAPP', 'INSTAGRAM')),
    name                  TEXT   NOT NULL,
    -- WhatsApp: the phone number id routes messages and statuses; the WABA id routes account updates
    wa_phone_number_id    TEXT UNIQUE,
    wa_business_account_id TEXT,
    display_phone_number  TEXT,
    -- Instagram professional account id (entry.id of its webhooks)
    ig_account_id         TEXT UNIQUE,
    ig_username           TEXT,
    access_token_enc      BYTEA,  -- AES-GCM, see platform.crypto; never returned by any API
    enabled               BOOLEAN NOT NULL DEFAULT TRUE,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (id, org_id),
    -- a WhatsApp Business Account can be connected before its first number is registered
    CHECK ((platform = 'WHATSAPP' AND wa_business_account_id IS NOT NULL)
        OR (platform = 'INSTAGRAM' AND ig_account_id IS NOT NULL))
);
CREATE INDEX channels_waba ON channels (wa_business_account_id);
CREATE INDEX channels_org ON channels (org_id);
