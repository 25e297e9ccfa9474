-- oauth-service's own database (oauth_db). Every row carries its tenant; secrets are stored only as hashes,
-- private keys only encrypted (AES-GCM under latchkey.oauth.key-encryption-key).

-- Projection of latchkey.directory.events: which tenants exist and their OAuth application limit.
CREATE TABLE tenant_limits (
    tenant              text PRIMARY KEY,
    status              text NOT NULL DEFAULT 'active',
    oauth_applications  integer,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Projection of latchkey.directory.events: members, their role and status.
CREATE TABLE members (
    tenant      text NOT NULL,
    id          text NOT NULL,
    role        text NOT NULL,
    status      text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, id)
);

CREATE TABLE applications (
    id                           uuid PRIMARY KEY,
    tenant                       text NOT NULL,
    client_id                    text NOT NULL UNIQUE,
    name                         text NOT NULL,
    grant_type                   text NOT NULL CHECK (grant_type IN ('authorization_code', 'client_credentials')),
    redirect_uris                text[] NOT NULL DEFAULT '{}',
    acting_member_id             text,
    scopes                       text[] NOT NULL,
    access_token_ttl             integer NOT NULL DEFAULT 86400 CHECK (access_token_ttl BETWEEN 1 AND 86400),
    mtls                         boolean NOT NULL DEFAULT false,
    secret_hash                  text NOT NULL,
    secret_hint                  text NOT NULL,
    previous_secret_hash         text,
    previous_secret_valid_until  timestamptz,
    created_by                   text NOT NULL,
    created_at                   timestamptz NOT NULL,
    updated_at                   timestamptz NOT NULL,
    CHECK (grant_type <> 'client_credentials' OR acting_member_id IS NOT NULL)
);
CREATE INDEX applications_tenant ON applications (tenant, created_at, id);
CREATE INDEX applications_acting_member ON applications (tenant, acting_member_id);

-- JWT signing keys. Exactly one 'current' at a time; 'next' is published ahead, 'previous' kept for verifiers.
CREATE TABLE signing_keys (
    kid                    text PRIMARY KEY,
    alg                    text NOT NULL,
    status                 text NOT NULL CHECK (status IN ('next', 'current', 'previous', 'retired')),
    private_key_encrypted  bytea NOT NULL,
    public_jwk             text NOT NULL,
    created_at             timestamptz NOT NULL,
    not_before             timestamptz NOT NULL,
    rotated_at             timestamptz
);
CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys (status) WHERE status = 'current';

CREATE TABLE authorization_codes (
    code_hash        text PRIMARY KEY,
    tenant           text NOT NULL,
    application_id   uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    member_id        text NOT NULL,
    redirect_uri     text NOT NULL,
    scopes           text[] NOT NULL,
    code_challenge   text NOT NULL,
    expires_at       timestamptz NOT NULL,
    used_at          timestamptz,
    -- what the first use issued, revoked if the code is replayed
    access_jti       text,
    access_exp       timestamptz,
    refresh_family   uuid,
    created_at       timestamptz NOT NULL
);

CREATE TABLE consents (
    tenant          text NOT NULL,
    member_id       text NOT NULL,
    application_id  uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    scopes          text[] NOT NULL,
    granted_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant, member_id, application_id)
);

CREATE TABLE refresh_tokens (
    token_hash      text PRIMARY KEY,
    family_id       uuid NOT NULL,
    tenant          text NOT NULL,
    application_id  uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    member_id       text NOT NULL,
    scopes          text[] NOT NULL,
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    revoked_at      timestamptz,
    -- the access token issued together with this refresh token (revoked with the family)
    access_jti      text,
    access_exp      timestamptz,
    created_at      timestamptz NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_member ON refresh_tokens (tenant, member_id);

-- Access tokens revoked before their exp (RFC 7009); kept until exp for introspection.
CREATE TABLE revoked_jtis (
    jti         text PRIMARY KEY,
    tenant      text NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz NOT NULL
);

-- The issuing CA (one row) and the client certificates it issued.
CREATE TABLE certificate_authority (
    id                     integer PRIMARY KEY CHECK (id = 1),
    certificate_pem        text NOT NULL,
    private_key_encrypted  bytea NOT NULL,
    created_at             timestamptz NOT NULL
);

CREATE TABLE client_certificates (
    serial_number    text PRIMARY KEY,
    tenant           text NOT NULL,
    application_id   uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    thumbprint       text NOT NULL UNIQUE,
    certificate_pem  text NOT NULL,
    not_before       timestamptz NOT NULL,
    not_after        timestamptz NOT NULL,
    status           text NOT NULL CHECK (status IN ('active', 'replaced', 'revoked')),
    expiring_notified_at timestamptz,
    created_at       timestamptz NOT NULL
);
CREATE INDEX client_certificates_app ON client_certificates (application_id, status);
