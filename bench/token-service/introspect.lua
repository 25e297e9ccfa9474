-- POST /api/v1/tokens/introspect with one token (RFC 7662 form), keep-alive.
-- env: ADMIN (the caller's credential, holds token:introspect), TOKEN (the token introspected)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ADMIN")
wrk.body = "token=" .. os.getenv("TOKEN")
