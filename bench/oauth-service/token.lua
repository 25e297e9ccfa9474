-- client_credentials grant with client_secret_basic; CLIENT_AUTH = base64(client_id:secret).
-- wrk reports any non-2xx answer as "Non-2xx or 3xx responses".
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("CLIENT_AUTH")
wrk.body = "grant_type=client_credentials"
