"""Boundary values in what an upstream answers: usage counters at 0, -1, Int64.max, 2**64, 1e300, 1.5, "NaN" and
combinations whose sum passes Int64.max, in a whole answer and in a stream, from an OpenAI and an Anthropic channel.

A small upstream on the loopback (started here) answers every call with the usage the test chose; the gateway gets a
channel for it on models no other test uses. Whatever the usage, the customer must get an answer (the upstream's
200, or a 4xx/502 in the family's shape, never a dropped connection) and `GET /health` must answer 200 after it.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from test_boundaries import assert_family_error_shape

TIMEOUT_S = 30
OPENAI_MODEL = "upstream-boundary-gpt"
ANTHROPIC_MODEL = "upstream-boundary-claude"
TOP = 2**63 - 1

# (case id, usage fields as JSON text) for each family; the text is written into the answer as it is.
OPENAI_USAGES = [
    ("zero", '"prompt_tokens": 0, "completion_tokens": 0'),
    ("negative", '"prompt_tokens": -1, "completion_tokens": -1'),
    ("int64 max", f'"prompt_tokens": {TOP}, "completion_tokens": {TOP}'),
    ("2**64", f'"prompt_tokens": {2**64}, "completion_tokens": {2**64}'),
    ("1e300", '"prompt_tokens": 1e300, "completion_tokens": -1e300'),
    ("fraction", '"prompt_tokens": 1.5, "completion_tokens": 2.5'),
    ("strings", '"prompt_tokens": "NaN", "completion_tokens": "Infinity"'),
    ("minimum", f'"prompt_tokens": {-(2**63)}, "completion_tokens": {-(2**63)}'),
    ("cached beyond input", f'"prompt_tokens": 1, "completion_tokens": 1, "prompt_tokens_details": {{"cached_tokens": {TOP}}}'),
    ("halves past int64", f'"prompt_tokens": {2**62}, "completion_tokens": {2**62}, "prompt_tokens_details": {{"cached_tokens": {2**62}}}'),
]
ANTHROPIC_USAGES = [
    ("zero", '"input_tokens": 0, "output_tokens": 0'),
    ("negative", '"input_tokens": -1, "output_tokens": -1'),
    ("int64 max", f'"input_tokens": {TOP}, "output_tokens": {TOP}'),
    ("2**64", f'"input_tokens": {2**64}, "output_tokens": {2**64}'),
    ("fraction", '"input_tokens": 1.5, "output_tokens": 2.5'),
    ("cache sum past int64", f'"input_tokens": {TOP}, "output_tokens": 1, "cache_read_input_tokens": {TOP}'),
    ("cache creation past int64", f'"input_tokens": 1, "output_tokens": 1, "cache_creation_input_tokens": {TOP}, "cache_read_input_tokens": 1'),
    # Halves that a double holds exactly, so a reader going through Double sees them too.
    ("cache halves past int64", f'"input_tokens": {2**62}, "output_tokens": 1, "cache_read_input_tokens": {2**62}'),
    ("halves past int64", f'"input_tokens": {2**62}, "output_tokens": {2**62}'),
]



class _Upstream(BaseHTTPRequestHandler):
    """Answers chat calls with the usage in `usage` (set by the test), whole or as a stream."""

    usage = ""

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_POST(self) -> None:  # noqa: N802 (the handler's protocol)
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        anthropic = self.path.endswith("/messages")
        if body.get("stream"):
            self._stream(anthropic, body["model"])
            return
        if anthropic:
            text = (
                f'{{"id":"msg_1","type":"message","role":"assistant","model":"{body["model"]}",'
                f'"content":[{{"type":"text","text":"hi"}}],"stop_reason":"end_turn","stop_sequence":null,"usage":{{{self.usage}}}}}'
            )
        else:
            text = (
                f'{{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"{body["model"]}",'
                f'"choices":[{{"index":0,"message":{{"role":"assistant","content":"hi"}},"finish_reason":"stop"}}],"usage":{{{self.usage}}}}}'
            )
        self._send(200, "application/json", text.encode())

    def _stream(self, anthropic: bool, model: str) -> None:
        if anthropic:
            events = [
                ("message_start", f'{{"type":"message_start","message":{{"id":"msg_1","type":"message","role":"assistant","model":"{model}","content":[],"usage":{{{self.usage}}}}}}}'),
                ("content_block_start", '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'),
                ("content_block_delta", '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}}'),
                ("content_block_stop", '{"type":"content_block_stop","index":0}'),
                ("message_delta", f'{{"type":"message_delta","delta":{{"stop_reason":"end_turn"}},"usage":{{{self.usage}}}}}'),
                ("message_stop", '{"type":"message_stop"}'),
            ]
            text = "".join(f"event: {name}\ndata: {data}\n\n" for name, data in events)
        else:
            chunk = f'{{"id":"c1","object":"chat.completion.chunk","created":1,"model":"{model}","choices":[{{"index":0,"delta":{{"content":"hi"}},"finish_reason":null}}]}}'
            final = f'{{"id":"c1","object":"chat.completion.chunk","created":1,"model":"{model}","choices":[],"usage":{{{self.usage}}}}}'
            text = f"data: {chunk}\n\ndata: {final}\n\ndata: [DONE]\n\n"
        self._send(200, "text/event-stream", text.encode())

    def _send(self, status: int, content_type: str, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture(scope="module")
def upstream(gateway_url: str, env_key):
    """The loopback upstream, with a channel and a price for each family's model of its own."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    admin = {"Authorization": f"Bearer {env_key('SWITCHYARD_ADMIN_KEY')}"}
    for family, model, base_url in [("openai", OPENAI_MODEL, base + "/v1"), ("anthropic", ANTHROPIC_MODEL, base)]:
        channel = {"family": family, "base_url": base_url, "key": "sk-upstream-boundary", "models": model}
        assert requests.post(gateway_url + "/api/channel", json=channel, headers=admin, timeout=TIMEOUT_S).status_code == 200
        price = {"family": family, "model": model, "action": "tokens", "input_per_million": "1.00", "output_per_million": "2.00"}
        assert requests.post(gateway_url + "/api/pricing", json=price, headers=admin, timeout=TIMEOUT_S).status_code == 200
    yield _Upstream
    server.shutdown()


def _params():
    cases = []
    for client, family, usages in [
        ("openai", "openai", OPENAI_USAGES),
        ("anthropic", "anthropic", ANTHROPIC_USAGES),
        # Translated: each client on the other family's channel.
        ("anthropic", "openai", OPENAI_USAGES),
        ("openai", "anthropic", ANTHROPIC_USAGES),
    ]:
        for stream in (False, True):
            for name, usage in usages:
                translated = "" if client == family else f"{client} client on "
                case_id = f"{translated}{family} {'stream' if stream else 'whole'} {name}"
                cases.append(pytest.param(client, family, stream, usage, id=case_id))
    return cases


@pytest.mark.parametrize(("client", "family", "stream", "usage"), _params())
def test_upstream_usage_at_its_boundaries(client: str, family: str, stream: bool, usage: str, upstream, gateway_url: str, env_key):
    upstream.usage = usage
    key = env_key("SWITCHYARD_FUZZ_KEY")
    model = ANTHROPIC_MODEL if family == "anthropic" else OPENAI_MODEL
    if client == "anthropic":
        path, headers = "/v1/messages", {"x-api-key": key, "anthropic-version": "2023-06-01"}
        body = {"model": model, "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}], "stream": stream}
    else:
        path, headers = "/v1/chat/completions", {"Authorization": f"Bearer {key}"}
        body = {"model": model, "messages": [{"role": "user", "content": "hi"}], "stream": stream}
        if stream:
            body["stream_options"] = {"include_usage": True}
    try:
        response = requests.post(gateway_url + path, json=body, headers=headers, timeout=TIMEOUT_S)
        response.content  # the whole stream
    except requests.ConnectionError as error:
        pytest.fail(f"{path} with usage {{{usage}}}: connection dropped: {error}")
    assert response.status_code < 500 or response.status_code == 502, f"{response.status_code} {response.text[:300]}"
    if response.status_code >= 400:
        assert_family_error_shape(path, response)
    health = requests.get(gateway_url + "/health", timeout=TIMEOUT_S)
    assert health.status_code == 200
