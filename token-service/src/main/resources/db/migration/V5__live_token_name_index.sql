-- The unique-name check of every creation and rename looks up the owner's live tokens of one name. Through
-- token_owner it read every token the owner ever had (a busy service account has thousands, revoked and
-- expired included): this index finds the few live ones of that name directly.
CREATE INDEX token_live_name ON token (tenant, owner_type, owner_id, lower(name)) WHERE revoked_at IS NULL;
