-- Shipped by libs/outbox. The HTTP origin of an event (CloudEvents extensions ce_clientip / ce_useragent),
-- NULL for events that did not come through HTTP.
-- Repeatable and idempotent rather than a V0_2: every service's own migrations start at V1, so a versioned
-- library migration added now would sort before migrations its databases have already applied, and Flyway
-- would refuse to start on them.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS client_ip TEXT;
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS user_agent TEXT;
