-- A person signing in at /oauth/authorize through the upstream OpenID Connect provider is matched to a member by
-- (tenant, userName) = (latchkey_tenant claim, email claim). Rows projected before this migration get their
-- userName with the member's next directory event.
ALTER TABLE members ADD COLUMN user_name text;
CREATE INDEX members_user_name ON members (tenant, lower(user_name));
