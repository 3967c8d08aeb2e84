"""The official `anthropic` SDK as a client of the gateway's Anthropic dialect (`/v1/messages`, `/v1/models`).

The demo's emulated Anthropic channel answers deterministically ("Hello! You said: <first 60 chars>. This is a
deterministic reply from the emulator."); `[tool]` in the last user message (with tools given) asks for a tool
use, `[fault:429]` / `[fault:500]` make the upstream fail. GPT models reached through this SDK are translated to
the emulated OpenAI channel.

"""

from __future__ import annotations

import base64
import json
import struct
import zlib

import anthropic
import pytest

CLAUDE = "claude-3-5-haiku-latest"
GPT = "gpt-4o-mini"
EXPENSIVE = "claude-opus-4-1-20250805"  # $15 / $75 per million tokens: a $0.01 key pays for a few short calls
BAD_KEY = "sk-this-key-does-not-exist-0000000000000000000000"

WEATHER_TOOL = {
    "name": "get_weather",
    "description": "The current weather in a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}


def greeting(said: str) -> str:
    return f"Hello! You said: {said}. This is a deterministic reply from the emulator."


def text_of(message) -> str:
    return "".join(block.text for block in message.content if block.type == "text")


def tiny_png() -> bytes:
    """A valid 1x1 red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # one scanline: filter byte, then R G B
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def make_client(gateway_url):
    def make(key: str) -> anthropic.Anthropic:
        # max_retries=0: every error surfaces at once instead of after the SDK's back-off.
        return anthropic.Anthropic(api_key=key, base_url=gateway_url, max_retries=0, timeout=20.0)

    return make


@pytest.fixture(scope="module")
def client(make_client, env_key) -> anthropic.Anthropic:
    return make_client(env_key("SWITCHYARD_KEY"))


def say(text: str) -> list[dict]:
    return [{"role": "user", "content": text}]


# --------------------------------------------------------------------------------------------------------------
# Messages


@pytest.mark.parametrize("model", [CLAUDE, GPT])
def test_messages_create(client, model):
    message = client.messages.create(model=model, max_tokens=200, messages=say("hi there"))

    assert message.type == "message"
    assert message.role == "assistant"
    assert message.id.startswith("msg_")
    assert message.model == model
    assert [block.type for block in message.content] == ["text"]
    assert message.content[0].text == greeting("hi there")
    assert message.stop_reason == "end_turn"
    assert message.usage.input_tokens > 0
    assert message.usage.output_tokens > 0


@pytest.mark.parametrize("model", [CLAUDE, GPT])
def test_max_tokens_cuts_the_reply(client, model):
    message = client.messages.create(model=model, max_tokens=3, messages=say("hi there"))

    assert message.stop_reason == "max_tokens"
    assert greeting("hi there").startswith(text_of(message))
    assert len(text_of(message)) < len(greeting("hi there"))


def test_stop_sequence(client):
    message = client.messages.create(model=CLAUDE, max_tokens=200, stop_sequences=["deterministic"], messages=say("hi"))

    assert message.stop_reason == "stop_sequence"
    assert message.stop_sequence == "deterministic"
    assert text_of(message) == "Hello! You said: hi. This is a "


@pytest.mark.parametrize("model", [CLAUDE, GPT])
def test_stream_helper(client, model):
    with client.messages.stream(model=model, max_tokens=200, messages=say("stream this please")) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()

    assert text == greeting("stream this please")
    assert text_of(final) == text
    assert final.model == model
    assert final.stop_reason == "end_turn"
    assert final.usage.output_tokens > 0


def test_stream_final_usage_matches_a_plain_call(client):
    plain = client.messages.create(model=CLAUDE, max_tokens=200, messages=say("count me"))
    with client.messages.stream(model=CLAUDE, max_tokens=200, messages=say("count me")) as stream:
        final = stream.get_final_message()

    assert final.usage.input_tokens == plain.usage.input_tokens > 0
    assert final.usage.output_tokens == plain.usage.output_tokens > 0


def test_gpt_stream_final_usage_matches_a_plain_call(client):
    plain = client.messages.create(model=GPT, max_tokens=200, messages=say("count me"))
    with client.messages.stream(model=GPT, max_tokens=200, messages=say("count me")) as stream:
        final = stream.get_final_message()

    assert final.usage.output_tokens == plain.usage.output_tokens > 0
    assert final.usage.input_tokens == plain.usage.input_tokens > 0


@pytest.mark.parametrize("model", [CLAUDE, GPT])
def test_tool_use_then_tool_result(client, model):
    messages = say("What is the weather in Paris? [tool]")
    first = client.messages.create(model=model, max_tokens=200, messages=messages, tools=[WEATHER_TOOL])

    assert first.stop_reason == "tool_use"
    uses = [block for block in first.content if block.type == "tool_use"]
    assert len(uses) == 1
    use = uses[0]
    assert use.id and use.name == "get_weather"
    assert isinstance(use.input, dict) and isinstance(use.input["city"], str)

    # The follow-up a user writes: the assistant's content as it came, then the tool's result.
    messages.append({"role": "assistant", "content": [block.model_dump(exclude_none=True) for block in first.content]})
    messages.append(
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": use.id, "content": json.dumps({"temp_c": 21})}]}
    )
    second = client.messages.create(model=model, max_tokens=200, messages=messages, tools=[WEATHER_TOOL])

    assert second.stop_reason == "end_turn"
    assert [block.type for block in second.content] == ["text"]
    assert text_of(second).startswith("The tool returned: ")
    assert '"temp_c": 21' in text_of(second)


@pytest.mark.parametrize("model", [CLAUDE, GPT])
def test_streamed_tool_use(client, model):
    with client.messages.stream(
        model=model, max_tokens=200, messages=say("Weather in Oslo? [tool]"), tools=[WEATHER_TOOL]
    ) as stream:
        final = stream.get_final_message()

    assert final.stop_reason == "tool_use"
    uses = [block for block in final.content if block.type == "tool_use"]
    assert len(uses) == 1 and uses[0].name == "get_weather"
    assert isinstance(uses[0].input["city"], str)


@pytest.mark.parametrize("model", [CLAUDE, GPT])
def test_system_prompt(client, model):
    without = client.messages.create(model=model, max_tokens=200, messages=say("hi there"))
    with_system = client.messages.create(
        model=model, max_tokens=200, system="You are a terse assistant who answers in one line.", messages=say("hi there")
    )

    assert text_of(with_system) == greeting("hi there")
    # The system prompt reached the upstream: it is counted as input.
    assert with_system.usage.input_tokens > without.usage.input_tokens


@pytest.mark.parametrize("model", [CLAUDE, GPT])
def test_multi_turn(client, model):
    message = client.messages.create(
        model=model,
        max_tokens=200,
        messages=[
            {"role": "user", "content": "My name is Ada."},
            {"role": "assistant", "content": "Nice to meet you, Ada."},
            {"role": "user", "content": "What is my name?"},
        ],
    )

    assert text_of(message) == greeting("What is my name?")
    single = client.messages.create(model=model, max_tokens=200, messages=say("What is my name?"))
    assert message.usage.input_tokens > single.usage.input_tokens


@pytest.mark.parametrize("model", [CLAUDE, GPT])
def test_image_block(client, model):
    data = base64.b64encode(tiny_png()).decode()
    image = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}}
    text_only = client.messages.create(model=model, max_tokens=200, messages=say("What is in this picture?"))
    message = client.messages.create(
        model=model,
        max_tokens=200,
        messages=[{"role": "user", "content": [image, {"type": "text", "text": "What is in this picture?"}]}],
    )

    assert text_of(message) == greeting("What is in this picture?")
    assert message.usage.input_tokens > text_only.usage.input_tokens


def test_count_tokens(client):
    short = client.messages.count_tokens(model=CLAUDE, messages=say("hi"))
    longer = client.messages.count_tokens(model=CLAUDE, messages=say("hi, please tell me about the weather in Paris today"))
    with_system = client.messages.count_tokens(model=CLAUDE, system="You are a helpful assistant.", messages=say("hi"))

    assert short.input_tokens > 0
    assert longer.input_tokens > short.input_tokens
    assert with_system.input_tokens > short.input_tokens
    # The count is what a real call then reports.
    assert client.messages.create(model=CLAUDE, max_tokens=50, messages=say("hi")).usage.input_tokens == short.input_tokens


def test_models_list_and_retrieve(client):
    models = list(client.models.list())
    ids = [model.id for model in models]

    assert CLAUDE in ids and "claude-sonnet-4-20250514" in ids
    assert all(model.type == "model" and model.display_name for model in models)

    model = client.models.retrieve(CLAUDE)
    assert model.id == CLAUDE and model.type == "model"


def test_api_key_goes_as_bearer_by_default(client):
    # anthropic 2.x sends `api_key` as `Authorization: Bearer` (1.x sent `x-api-key`): the gateway takes both.
    raw = client.messages.with_raw_response.create(model=CLAUDE, max_tokens=50, messages=say("hi"))

    assert raw.http_request.headers["authorization"].startswith("Bearer ")
    assert "x-api-key" not in raw.http_request.headers
    assert raw.http_request.headers["anthropic-version"]
    assert text_of(raw.parse()) == greeting("hi")


@pytest.fixture
def x_api_key_client(gateway_url, monkeypatch):
    """A client that authenticates with the `x-api-key` header alone (as Anthropic's docs and 1.x SDKs do)."""
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)

    def make(key: str) -> anthropic.Anthropic:
        return anthropic.Anthropic(base_url=gateway_url, default_headers={"x-api-key": key}, max_retries=0, timeout=20.0)

    return make


def test_x_api_key_header(x_api_key_client, env_key):
    raw = x_api_key_client(env_key("SWITCHYARD_KEY")).messages.with_raw_response.create(
        model=CLAUDE, max_tokens=50, messages=say("hi")
    )

    assert raw.http_request.headers["x-api-key"]
    assert "authorization" not in raw.http_request.headers
    assert text_of(raw.parse()) == greeting("hi")

    ids = [model.id for model in x_api_key_client(env_key("SWITCHYARD_KEY")).models.list()]
    assert CLAUDE in ids

    with pytest.raises(anthropic.AuthenticationError):
        x_api_key_client(BAD_KEY).messages.create(model=CLAUDE, max_tokens=50, messages=say("hi"))


def test_auth_token_works_too(gateway_url, env_key):
    bearer = anthropic.Anthropic(auth_token=env_key("SWITCHYARD_KEY"), base_url=gateway_url, max_retries=0, timeout=20.0)
    raw = bearer.messages.with_raw_response.create(model=CLAUDE, max_tokens=50, messages=say("hi"))

    assert raw.http_request.headers["authorization"].startswith("Bearer ")
    assert text_of(raw.parse()) == greeting("hi")


# --------------------------------------------------------------------------------------------------------------
# Errors: the SDK's exception classes


def error_type(error: anthropic.APIStatusError) -> str:
    return error.body["error"]["type"]


def test_bad_key_is_authentication_error(make_client):
    with pytest.raises(anthropic.AuthenticationError) as caught:
        make_client(BAD_KEY).messages.create(model=CLAUDE, max_tokens=50, messages=say("hi"))
    assert caught.value.status_code == 401
    assert error_type(caught.value) == "authentication_error"

    with pytest.raises(anthropic.AuthenticationError):
        make_client(BAD_KEY).models.list()


def test_retrieve_unknown_model_is_not_found(client):
    with pytest.raises(anthropic.NotFoundError) as caught:
        client.models.retrieve("claude-does-not-exist")
    assert caught.value.status_code == 404
    assert error_type(caught.value) == "not_found_error"


def test_unknown_model_is_not_found(client):
    with pytest.raises(anthropic.NotFoundError):
        client.messages.create(model="claude-does-not-exist", max_tokens=50, messages=say("hi"))


def test_count_tokens_of_unknown_model_is_not_found(client):
    with pytest.raises(anthropic.NotFoundError):
        client.messages.count_tokens(model="claude-does-not-exist", messages=say("hi"))


@pytest.mark.parametrize("model", [CLAUDE, GPT])
def test_upstream_429_is_rate_limit_error(client, model):
    with pytest.raises(anthropic.RateLimitError) as caught:
        client.messages.create(model=model, max_tokens=50, messages=say("hi [fault:429]"))
    assert caught.value.status_code == 429
    assert error_type(caught.value) == "rate_limit_error"

    # A stream fails the same way, before its first event.
    with pytest.raises(anthropic.RateLimitError):
        with client.messages.stream(model=model, max_tokens=50, messages=say("hi [fault:429]")) as stream:
            stream.until_done()


def test_upstream_500_is_server_error_after_failover(client):
    with pytest.raises(anthropic.InternalServerError) as caught:
        client.messages.create(model=CLAUDE, max_tokens=50, messages=say("hi [fault:500]"))
    assert caught.value.status_code == 502
    assert error_type(caught.value) == "api_error"


def test_invalid_messages_are_bad_request(client):
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(model=CLAUDE, max_tokens=50, messages=[])
    assert error_type(caught.value) == "invalid_request_error"
    assert "messages" in caught.value.message

    # The upstream's own explanation is passed through.
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(model=CLAUDE, max_tokens=50, messages=[{"role": "system", "content": "hi"}])
    assert "system" in caught.value.message


def test_missing_max_tokens_is_bad_request(client):
    # The SDK refuses to send a call without max_tokens; its low-level post sends it.
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.post("/v1/messages", body={"model": CLAUDE, "messages": say("hi")}, cast_to=object)
    assert caught.value.status_code == 400
    assert "max_tokens" in caught.value.message


@pytest.mark.parametrize(
    "body", [{"model": CLAUDE, "max_tokens": 0}, {"model": GPT}], ids=["max_tokens=0", "gpt-without-max_tokens"]
)
def test_gateway_validation_errors_are_bad_request(client, body):
    with pytest.raises(anthropic.BadRequestError):
        client.post("/v1/messages", body={"messages": say("hi"), **body}, cast_to=object)


# --------------------------------------------------------------------------------------------------------------
# Money: Anthropic reports a spent balance as 400 invalid_request_error


def test_poor_key_insufficient_quota_is_bad_request(make_client, env_key):
    poor = make_client(env_key("SWITCHYARD_POOR_KEY"))
    # 4096 output tokens of Opus cost far more than $0.01.
    with pytest.raises(anthropic.BadRequestError) as caught:
        poor.messages.create(model=EXPENSIVE, max_tokens=4096, messages=say("hi"))
    assert caught.value.status_code == 400
    assert error_type(caught.value) == "invalid_request_error"
    assert "quota" in caught.value.message.lower()


def test_poor_key_runs_out_after_a_few_calls(make_client, env_key):
    poor = make_client(env_key("SWITCHYARD_ANTHROPIC_POOR_KEY"))
    message = say("Tell me a long story about a lighthouse keeper and the sea")
    answered = 0
    for _ in range(10):
        try:
            reply = poor.messages.create(model=EXPENSIVE, max_tokens=50, messages=message)
        except anthropic.BadRequestError as error:
            assert "quota" in error.message.lower()
            break
        assert text_of(reply)
        answered += 1
    else:
        pytest.fail("a $0.01 key still answered 10 Opus calls")

    assert answered >= 1, "the first small call fits in $0.01"
    # Spent is spent: the next call is refused too, streamed or not.
    with pytest.raises(anthropic.BadRequestError):
        poor.messages.create(model=EXPENSIVE, max_tokens=50, messages=message)
    with pytest.raises(anthropic.BadRequestError):
        with poor.messages.stream(model=EXPENSIVE, max_tokens=50, messages=message) as stream:
            stream.until_done()
