-- wrk script: POST /api/session as demo/demo, without a cookie: every request is a new login.
wrk.method = "POST"
wrk.body = '{"login":"demo","password":"demo"}'
wrk.headers["Content-Type"] = "application/json"
