-- The append-only, hash-chained audit trail (issue 7). One chain per tenant: each record carries the hash of
-- the tenant's previous record; the chain head (locked FOR UPDATE while appending) serialises appends per tenant.

CREATE TABLE audit_record (
    seq          bigserial PRIMARY KEY,          -- arrival order over all tenants (pagination tie-break)
    tenant       text        NOT NULL,
    chain_seq    bigint      NOT NULL,           -- position in the tenant's chain: 1, 2, 3, … (no gaps)
    event_id     text        NOT NULL,           -- CloudEvents id: at-least-once delivery never duplicates a row
    type         text        NOT NULL,           -- CloudEvents type = the action
    source       text        NOT NULL,
    subject      text,
    actor_type   text,
    actor_id     text,
    actor_name   text,
    target_type  text,
    target_id    text,
    occurred_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    client_ip    text,
    user_agent   text,
    data         jsonb       NOT NULL,
    prev_hash    text        NOT NULL,
    hash         text        NOT NULL,
    CONSTRAINT audit_record_event_id_key UNIQUE (event_id),
    CONSTRAINT audit_record_chain_key UNIQUE (tenant, chain_seq)
);

-- newest first, optionally within a time range
CREATE INDEX audit_record_tenant_time ON audit_record (tenant, occurred_at DESC, seq DESC);
CREATE INDEX audit_record_tenant_actor ON audit_record (tenant, actor_id, occurred_at DESC, seq DESC);
CREATE INDEX audit_record_tenant_target ON audit_record (tenant, target_id, occurred_at DESC, seq DESC);
CREATE INDEX audit_record_tenant_type ON audit_record (tenant, type text_pattern_ops);
-- verify and retention walk a tenant's chain by received_at ranges
CREATE INDEX audit_record_tenant_received ON audit_record (tenant, received_at);

CREATE TABLE audit_chain_head (
    tenant     text   PRIMARY KEY,
    last_seq   bigint NOT NULL,   -- chain_seq of the tenant's newest record (0 = empty chain)
    last_hash  text   NOT NULL    -- its hash (the genesis value while empty)
);

-- What verify starts from once retention has deleted the oldest records of a chain.
CREATE TABLE audit_chain_anchor (
    tenant         text        PRIMARY KEY,
    anchor_seq     bigint      NOT NULL,   -- chain_seq of the last deleted record
    anchor_hash    text        NOT NULL,   -- its hash: the prev_hash of the oldest record kept
    deleted_count  bigint      NOT NULL,
    updated_at     timestamptz NOT NULL
);

CREATE TABLE audit_retention (
    tenant          text        PRIMARY KEY,
    retention_days  integer     NOT NULL CHECK (retention_days > 0),
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL
);

-- Display names "as known": members and service accounts as the directory events last described them.
CREATE TABLE audit_principal_name (
    tenant  text NOT NULL,
    type    text NOT NULL,
    id      text NOT NULL,
    name    text NOT NULL,
    PRIMARY KEY (tenant, type, id)
);
