-- 1,000,000 records of tenant SP-000001-01 (query latency only: the hashes are not a valid chain)
INSERT INTO audit_record (tenant, chain_seq, event_id, type, source, subject, actor_type, actor_id, actor_name,
    target_type, target_id, occurred_at, received_at, client_ip, user_agent, data, prev_hash, hash)
SELECT 'SP-000001-01', i, 'gen-' || i,
       (ARRAY['latchkey.token.token.created.v1','latchkey.token.token.updated.v1','latchkey.token.token.revoked.v1',
              'latchkey.token.token.regenerated.v1','latchkey.oauth.application.created.v1',
              'latchkey.oauth.application.updated.v1','latchkey.directory.member.updated.v1',
              'latchkey.directory.service_account.created.v1'])[1 + i % 8],
       '/latchkey/generated', 'agg-' || (i % 20000), 'member', 'm-' || (i % 500), 'Member ' || (i % 500),
       'token', 'agg-' || (i % 20000),
       now() - make_interval(secs => 1000000 - i), now() - make_interval(secs => 1000000 - i),
       '10.0.' || (i % 250) || '.' || (i % 200), 'bench/1.0',
       jsonb_build_object('tenant', 'SP-000001-01', 'actor', jsonb_build_object('type', 'member', 'id', 'm-' || (i % 500)),
                          'target', jsonb_build_object('type', 'token', 'id', 'agg-' || (i % 20000)),
                          'token', jsonb_build_object('id', 'agg-' || (i % 20000), 'name', 'token ' || i,
                                                      'scopes', jsonb_build_array('account:read'))),
       md5(i::text) || md5((i + 1)::text), md5(i::text) || md5((i + 2)::text)
FROM generate_series(1, 1000000) AS i;
INSERT INTO audit_chain_head (tenant, last_seq, last_hash) VALUES ('SP-000001-01', 1000000, repeat('0', 64))
ON CONFLICT (tenant) DO NOTHING;
ANALYZE audit_record;
