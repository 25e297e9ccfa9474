-- One token creation as token-service sends it (TokenLifecycleService.create, service-account owner):
-- begin, owner, policy, the owner's advisory lock, the live-name check, the insert, its outbox row, commit.
\set n random(1, 2000000000)
\set o random(0, 63)
BEGIN;
SELECT tenant, id, name, status, managers FROM service_account WHERE tenant = 'SP-000001-01' AND id = 'bench-sa-' || :o;
SELECT * FROM token_policy WHERE tenant = 'SP-000001-01';
SELECT pg_advisory_xact_lock(hashtextextended('SP-000001-01/service_account/bench-sa-' || :o, 7));
SELECT 1 FROM token WHERE tenant = 'SP-000001-01' AND owner_type = 'service_account' AND owner_id = 'bench-sa-' || :o AND lower(name) = lower('bench-' || :n) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) AND (NULL::uuid IS NULL OR id <> NULL) LIMIT 1;
INSERT INTO token (id, tenant, name, owner_type, owner_id, scopes, visibility, allowed_origins, token_hash, hint, created_at, created_by_type, created_by_id, updated_at, expires_at) VALUES (gen_random_uuid(), 'SP-000001-01', 'bench-' || :n, 'service_account', 'bench-sa-' || :o, ARRAY['account' || chr(58) || 'read', 'event' || chr(58) || 'upsert'], 'private', '{}', md5(random()::text) || md5(random()::text), 'lkt_...abcd', now(), 'member', '00000000-0000-4000-8000-00000000b001', now(), now() + interval '90 days');
INSERT INTO outbox (event_id, source, type, subject, tenant, event_time, topic, record_key, data, client_ip, user_agent) VALUES (gen_random_uuid()::text, '/token-service', 'dev.latchkey.token.created.v1', 'x', 'SP-000001-01', now(), 'latchkey.token.events', gen_random_uuid()::text, repeat('x', 700), '127.0.0.1', 'wrk');
COMMIT;
