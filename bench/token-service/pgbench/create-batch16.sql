-- 16 token creations in one transaction, each statement multi-row: the owners' locks (sorted: no deadlock),
-- the policy, the live-name checks of all 16, the 16 inserts, the 16 outbox rows. Not what the service does: a
-- measure of what grouping concurrent creations would save PostgreSQL.
\set n random(1, 2000000000)
BEGIN;
SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended('SP-000001-01/service_account/bench-sa-' || ((:n + i) % 64), 7) h FROM generate_series(1,16) i ORDER BY 1) x;
SELECT * FROM token_policy WHERE tenant = 'SP-000001-01';
SELECT t.name FROM token t JOIN (SELECT 'bench-sa-' || ((:n + i) % 64) o, 'bench-' || (:n + i) nm FROM generate_series(1,16) i) r ON t.tenant = 'SP-000001-01' AND t.owner_type = 'service_account' AND t.owner_id = r.o AND lower(t.name) = lower(r.nm) WHERE t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now());
INSERT INTO token (id, tenant, name, owner_type, owner_id, scopes, visibility, allowed_origins, token_hash, hint, created_at, created_by_type, created_by_id, updated_at, expires_at) SELECT gen_random_uuid(), 'SP-000001-01', 'bench-' || (:n + i), 'service_account', 'bench-sa-' || ((:n + i) % 64), ARRAY['account' || chr(58) || 'read', 'event' || chr(58) || 'upsert'], 'private', '{}', md5(random()::text) || md5(random()::text), 'lkt_...abcd', now(), 'member', '00000000-0000-4000-8000-00000000b001', now(), now() + interval '90 days' FROM generate_series(1,16) i;
INSERT INTO outbox (event_id, source, type, subject, tenant, event_time, topic, record_key, data, client_ip, user_agent) SELECT gen_random_uuid()::text, '/token-service', 'dev.latchkey.token.created.v1', 'x', 'SP-000001-01', now(), 'latchkey.token.events', gen_random_uuid()::text, repeat('x', 700), '127.0.0.1', 'wrk' FROM generate_series(1,16) i;
COMMIT;
