-- token-service's own database (token_db). Nothing else reads it.

-- API tokens (DESIGN.md §5). The value itself is never stored: only its SHA-256 (lowercase hex) and a hint.
-- status is derived: revoked_at set = revoked; expires_at <= now() = expired; otherwise active (and usable
-- only while its owner is active in the projections below).
CREATE TABLE token (
    id               UUID        PRIMARY KEY,
    tenant           TEXT        NOT NULL,
    name             TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    owner_type       TEXT        NOT NULL CHECK (owner_type IN ('member', 'service_account')),
    owner_id         TEXT        NOT NULL,
    scopes           TEXT[]      NOT NULL,
    visibility       TEXT        NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
    allowed_origins  TEXT[]      NOT NULL DEFAULT '{}',
    token_hash       TEXT        NOT NULL,
    hint             TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    created_by_type  TEXT        NOT NULL,
    created_by_id    TEXT        NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ,             -- NULL = never
    regenerated_at   TIMESTAMPTZ,
    revoked_at       TIMESTAMPTZ,
    revoked_reason   TEXT,
    last_used_at     TIMESTAMPTZ,
    last_used_ip     TEXT,
    use_count        BIGINT      NOT NULL DEFAULT 0
);
-- introspection: one index look-up by hash
CREATE UNIQUE INDEX token_hash_unique ON token (token_hash);
CREATE INDEX token_owner ON token (tenant, owner_type, owner_id);
CREATE INDEX token_tenant_page ON token (tenant, created_at DESC, id DESC);
CREATE INDEX token_expiring ON token (expires_at) WHERE revoked_at IS NULL AND expires_at IS NOT NULL;

-- Tenant token policy (GET/PUT /api/v1/token-policy). No row = the defaults below.
CREATE TABLE token_policy (
    tenant                          TEXT        PRIMARY KEY,
    max_lifetime_days               INTEGER     CHECK (max_lifetime_days > 0),  -- NULL = no maximum
    allow_no_expiration             BOOLEAN     NOT NULL DEFAULT TRUE,
    max_personal_tokens_per_member  INTEGER     CHECK (max_personal_tokens_per_member >= 0), -- NULL = no limit
    require_service_account_owner   BOOLEAN     NOT NULL DEFAULT FALSE,
    expiry_notice_days              INTEGER[]   NOT NULL DEFAULT '{30,7,1}',
    updated_at                      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by_type                 TEXT,
    updated_by_id                   TEXT
);

-- Projections of latchkey.directory.events (service-account-service owns the truth).
CREATE TABLE member (
    tenant        TEXT        NOT NULL,
    id            TEXT        NOT NULL,
    role          TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    email         TEXT,
    display_name  TEXT,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, id)
);

CREATE TABLE service_account (
    tenant      TEXT        NOT NULL,
    id          TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    managers    TEXT[]      NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, id)
);

-- One row per (token, lead time) whose expiry notice was emitted: claimed with INSERT … ON CONFLICT DO NOTHING
-- in the same transaction as the outbox event, so several replicas never send one twice.
CREATE TABLE expiry_notice (
    token_id        UUID        NOT NULL REFERENCES token (id) ON DELETE CASCADE,
    lead_time_days  INTEGER     NOT NULL,
    sent_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (token_id, lead_time_days)
);
