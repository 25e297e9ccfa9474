-- Tenants suspended by the platform operator (from latchkey.directory.tenant.* events): every token of a
-- suspended tenant introspects inactive until the tenant is reactivated.
CREATE TABLE suspended_tenant (
    tenant       TEXT        PRIMARY KEY,
    suspended_at TIMESTAMPTZ NOT NULL
);
