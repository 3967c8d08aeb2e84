-- wrk script for bench/chat_bench.sh: every request is POST /v1/chat/completions with one JSON body and a Bearer key.
-- Set through the environment:
--   BENCH_KEY   the key sent as "Authorization: Bearer <key>"
--   BENCH_BODY  the JSON body
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY") or '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "k")
