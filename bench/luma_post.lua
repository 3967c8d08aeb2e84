-- wrk script: every request is a POST of one JSON body with a Bearer key.
-- Set by luma_bench.sh through the environment:
--   BENCH_KEY   the key sent as "Authorization: Bearer <key>"
--   BENCH_BODY  the JSON body
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY") or '{"prompt":"a benchmark clip","model":"ray-2"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "k")
