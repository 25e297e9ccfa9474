-- Tenants (service IDs), members (people), service accounts, and the projection of token ownership
-- from latchkey.token.events. Every row but tenants carries its tenant; every query filters by it.

CREATE TABLE tenants (
    service_id              text PRIMARY KEY CHECK (service_id ~ '^SP-[0-9]{1,12}-[0-9]{2}$'),
    name                    text        NOT NULL,
    status                  text        NOT NULL CHECK (status IN ('active', 'suspended')),
    oauth_applications_limit integer    CHECK (oauth_applications_limit >= 0),
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL
);

-- Deleted members stay (status 'deleted') so their id keeps naming them in the audit trail; a deleted
-- member's userName may be provisioned again.
CREATE TABLE members (
    tenant       text        NOT NULL,
    id           text        NOT NULL,
    user_name    text        NOT NULL,
    email        text,
    display_name text,
    given_name   text,
    family_name  text,
    external_id  text,
    role         text        NOT NULL CHECK (role IN ('global_admin', 'member')),
    status       text        NOT NULL CHECK (status IN ('active', 'disabled', 'deleted')),
    version      integer     NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE UNIQUE INDEX members_user_name_uq ON members (tenant, lower(user_name)) WHERE status <> 'deleted';
CREATE INDEX members_email_idx ON members (tenant, lower(email)) WHERE status <> 'deleted';
CREATE INDEX members_page_idx ON members (tenant, created_at, id);

CREATE TABLE service_accounts (
    tenant      text        NOT NULL,
    id          text        NOT NULL,
    name        text        NOT NULL,
    description text,
    status      text        NOT NULL CHECK (status IN ('active', 'disabled', 'deleted')),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE UNIQUE INDEX service_accounts_name_uq ON service_accounts (tenant, lower(name)) WHERE status <> 'deleted';
CREATE INDEX service_accounts_page_idx ON service_accounts (tenant, created_at, id);

-- Members who get a service account's notifications and may manage its tokens.
CREATE TABLE service_account_managers (
    tenant             text NOT NULL,
    service_account_id text NOT NULL,
    member_id          text NOT NULL,
    position           integer NOT NULL,
    PRIMARY KEY (tenant, service_account_id, member_id),
    FOREIGN KEY (tenant, service_account_id) REFERENCES service_accounts (tenant, id) ON DELETE CASCADE
);
CREATE INDEX service_account_managers_member_idx ON service_account_managers (tenant, member_id);

-- Projection of latchkey.token.events (every event carries the token's full state) and of
-- latchkey.credential.usage (last use). Never a token value or hash.
CREATE TABLE owner_tokens (
    token_id     text PRIMARY KEY,
    tenant       text        NOT NULL,
    owner_type   text        NOT NULL,
    owner_id     text        NOT NULL,
    status       text        NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX owner_tokens_owner_idx ON owner_tokens (tenant, owner_type, owner_id);
