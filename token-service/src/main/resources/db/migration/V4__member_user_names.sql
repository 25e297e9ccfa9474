-- The member's userName (from the directory events' state), so a person's upstream bearer token can be matched to
-- their member (libs/token-verifier: email claim = userName). Rows projected before this column existed get it
-- with the member's next directory event.
ALTER TABLE member ADD COLUMN user_name TEXT;
CREATE INDEX member_user_name_idx ON member (tenant, lower(user_name));
