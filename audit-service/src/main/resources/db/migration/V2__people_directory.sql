-- Members and tenant status as the directory events last described them, so a person's upstream bearer token can be
-- mapped to their member (libs/token-verifier MemberDirectory: tenant claim, email claim = userName). Kept apart from
-- the trail: retention deletes old records, a member must stay known.
CREATE TABLE audit_member (
    tenant     text NOT NULL,
    id         text NOT NULL,
    user_name  text,
    role       text NOT NULL,
    status     text NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE INDEX audit_member_user_name ON audit_member (tenant, lower(user_name));

CREATE TABLE audit_tenant_status (
    tenant  text PRIMARY KEY,
    status  text NOT NULL
);

-- What the trail already holds (each directory event carries the aggregate's full state: the last one wins).
INSERT INTO audit_member (tenant, id, user_name, role, status)
SELECT DISTINCT ON (tenant, data -> 'member' ->> 'id')
       tenant, data -> 'member' ->> 'id', data -> 'member' ->> 'userName',
       coalesce(data -> 'member' ->> 'role', 'member'), coalesce(data -> 'member' ->> 'status', 'active')
FROM audit_record
WHERE type LIKE 'latchkey.directory.member.%' AND data -> 'member' ->> 'id' IS NOT NULL
ORDER BY tenant, data -> 'member' ->> 'id', chain_seq DESC;

INSERT INTO audit_tenant_status (tenant, status)
SELECT DISTINCT ON (coalesce(data -> 'tenantInfo' ->> 'serviceId', tenant))
       coalesce(data -> 'tenantInfo' ->> 'serviceId', tenant), data -> 'tenantInfo' ->> 'status'
FROM audit_record
WHERE type LIKE 'latchkey.directory.tenant.%' AND data -> 'tenantInfo' ->> 'status' IS NOT NULL
ORDER BY coalesce(data -> 'tenantInfo' ->> 'serviceId', tenant), chain_seq DESC;
