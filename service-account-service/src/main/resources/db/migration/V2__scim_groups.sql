-- SCIM Groups (teams). Not in the directory event contracts (no other context uses teams yet): they change
-- without events. A member's membership ends with the member: reads join members and skip deleted ones.
CREATE TABLE groups (
    tenant       text        NOT NULL,
    id           text        NOT NULL,
    display_name text        NOT NULL,
    external_id  text,
    version      integer     NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE UNIQUE INDEX groups_display_name_uq ON groups (tenant, lower(display_name));
CREATE INDEX groups_page_idx ON groups (tenant, created_at, id);

CREATE TABLE group_members (
    tenant    text NOT NULL,
    group_id  text NOT NULL,
    member_id text NOT NULL,
    PRIMARY KEY (tenant, group_id, member_id),
    FOREIGN KEY (tenant, group_id) REFERENCES groups (tenant, id) ON DELETE CASCADE
);
CREATE INDEX group_members_member_idx ON group_members (tenant, member_id);
