-- POST /api/v1/tokens, a unique name per request, owners spread over OWNERS service accounts
-- (bench-sa-0 … bench-sa-N-1) so that the per-owner lock is not what is measured.
-- env: ADMIN, OWNERS
local owners = tonumber(os.getenv("OWNERS") or "64")
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = tid
  math.randomseed(os.time() + tid)
  prefix = tostring(math.random(1, 1000000000))
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"name":"bench-%s-%d-%d","scopes":["account:read"],"expiration":"30d","owner":{"type":"service_account","id":"bench-sa-%d"}}',
    prefix, thread_id, counter, counter % owners)
  return wrk.format("POST", "/api/v1/tokens", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("ADMIN")
  }, body)
end

function response(status, headers, body)
  if status ~= 201 then
    errors = (errors or 0) + 1
    if errors < 3 then print("unexpected " .. status .. ": " .. body) end
  end
end
