"""The official `openai` SDK as a client of the gateway's OpenAI dialect (`/v1/...`), as a user would write it.

The demo's emulated OpenAI channel answers deterministically ("Hello! You said: <first 60 chars>. This is a
deterministic reply from the emulator."); `[tool]` in the last user message (with tools given) asks for a tool
call, `[fault:429]` / `[fault:500]` make the upstream fail. Claude models reached through this SDK are translated
to the emulated Anthropic channel.

"""

from __future__ import annotations

import base64
import io
import json
import struct
import time
import wave
import zlib

import httpx
import openai
import pytest

GPT = "gpt-4o-mini"
CLAUDE = "claude-3-5-haiku-latest"
EXPENSIVE = "claude-opus-4-1-20250805"  # $15 / $75 per million tokens: a $0.01 key pays for a few short calls
BAD_KEY = "sk-this-key-does-not-exist-0000000000000000000000"

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The current weather in a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


def greeting(said: str) -> str:
    return f"Hello! You said: {said}. This is a deterministic reply from the emulator."


def tiny_png() -> bytes:
    """A valid 1x1 red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # one scanline: filter byte, then R G B
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def tiny_wav() -> bytes:
    """0.1 s of silence, 8 kHz mono 16-bit."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * 800)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def make_client(gateway_url):
    def make(key: str) -> openai.OpenAI:
        # max_retries=0: every error surfaces at once instead of after the SDK's back-off.
        return openai.OpenAI(api_key=key, base_url=gateway_url + "/v1", max_retries=0, timeout=20.0)

    return make


@pytest.fixture(scope="module")
def client(make_client, env_key) -> openai.OpenAI:
    return make_client(env_key("SWITCHYARD_KEY"))


# --------------------------------------------------------------------------------------------------------------
# Chat completions


@pytest.mark.parametrize("model", [GPT, CLAUDE])
def test_chat_completion(client, model):
    completion = client.chat.completions.create(model=model, messages=[{"role": "user", "content": "hi there"}])

    assert completion.object == "chat.completion"
    assert completion.id
    assert completion.model == model
    assert len(completion.choices) == 1
    choice = completion.choices[0]
    assert choice.finish_reason == "stop"
    assert choice.message.role == "assistant"
    assert choice.message.content == greeting("hi there")
    assert completion.usage is not None
    assert completion.usage.prompt_tokens > 0
    assert completion.usage.completion_tokens > 0
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens


@pytest.mark.parametrize("model", [GPT, CLAUDE])
def test_chat_max_tokens_cuts_the_reply(client, model):
    completion = client.chat.completions.create(model=model, max_tokens=3, messages=[{"role": "user", "content": "hi there"}])

    choice = completion.choices[0]
    assert choice.finish_reason == "length"
    assert choice.message.content and greeting("hi there").startswith(choice.message.content)
    assert len(choice.message.content) < len(greeting("hi there"))


@pytest.mark.parametrize("model", [GPT, CLAUDE])
def test_chat_stream_with_usage(client, model):
    stream = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": "stream this please"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)

    assert len(chunks) > 3
    assert all(chunk.object == "chat.completion.chunk" for chunk in chunks)
    assert len({chunk.id for chunk in chunks}) == 1, "every chunk of one completion carries the same id"
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    assert text == greeting("stream this please")
    finishes = [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason]
    assert finishes == ["stop"]

    # include_usage: one last chunk with no choices and the usage; every other chunk has none.
    last = chunks[-1]
    assert last.choices == []
    assert last.usage is not None
    assert last.usage.prompt_tokens > 0 and last.usage.completion_tokens > 0
    assert last.usage.total_tokens == last.usage.prompt_tokens + last.usage.completion_tokens
    assert all(chunk.usage is None for chunk in chunks[:-1])


@pytest.mark.parametrize("model", [GPT, CLAUDE])
def test_chat_stream_without_usage_has_no_usage_chunk(client, model):
    chunks = list(client.chat.completions.create(model=model, messages=[{"role": "user", "content": "hi"}], stream=True))

    assert "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices) == greeting("hi")
    assert all(chunk.usage is None for chunk in chunks)
    assert all(chunk.choices for chunk in chunks)


@pytest.mark.parametrize("model", [GPT, CLAUDE])
def test_tool_call_then_tool_result(client, model):
    messages = [{"role": "user", "content": "What is the weather in Paris? [tool]"}]
    first = client.chat.completions.create(model=model, messages=messages, tools=[WEATHER_TOOL])

    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.tool_calls and len(choice.message.tool_calls) == 1
    call = choice.message.tool_calls[0]
    assert call.type == "function"
    assert call.id
    assert call.function.name == "get_weather"
    arguments = json.loads(call.function.arguments)
    assert isinstance(arguments, dict) and isinstance(arguments["city"], str)

    # The follow-up a user writes: the assistant's message as it came, then the tool's result.
    messages.append(choice.message.model_dump(exclude_none=True))
    messages.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps({"temp_c": 21, "sky": "clear"})})
    second = client.chat.completions.create(model=model, messages=messages, tools=[WEATHER_TOOL])

    answer = second.choices[0]
    assert answer.finish_reason == "stop"
    assert not answer.message.tool_calls
    assert answer.message.content.startswith("The tool returned: ")
    assert '"temp_c": 21' in answer.message.content


@pytest.mark.parametrize("model", [GPT, CLAUDE])
def test_streamed_tool_call_arguments_assemble_to_json(client, model):
    stream = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": "Weather in Oslo? [tool]"}], tools=[WEATHER_TOOL], stream=True
    )
    calls: dict[int, dict] = {}
    finish_reason = None
    for chunk in stream:
        if not chunk.choices:
            continue
        for delta in chunk.choices[0].delta.tool_calls or []:
            call = calls.setdefault(delta.index, {"id": None, "name": None, "arguments": ""})
            if delta.id:
                call["id"] = delta.id
            if delta.function and delta.function.name:
                call["name"] = delta.function.name
            if delta.function and delta.function.arguments:
                call["arguments"] += delta.function.arguments
        finish_reason = chunk.choices[0].finish_reason or finish_reason

    assert finish_reason == "tool_calls"
    assert list(calls) == [0]
    assert calls[0]["id"] and calls[0]["name"] == "get_weather"
    assert isinstance(json.loads(calls[0]["arguments"])["city"], str)


@pytest.mark.parametrize("model", ["gpt-4o", CLAUDE])
def test_image_part_in_message(client, model):
    data_uri = "data:image/png;base64," + base64.b64encode(tiny_png()).decode()
    text_only = client.chat.completions.create(model=model, messages=[{"role": "user", "content": "What is in this picture?"}])
    with_image = client.chat.completions.create(
        model=model,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is in this picture?"},
                    {"type": "image_url", "image_url": {"url": data_uri}},
                ],
            }
        ],
    )

    assert with_image.choices[0].message.content == greeting("What is in this picture?")
    # The image reached the upstream: it is counted as input.
    assert with_image.usage.prompt_tokens > text_only.usage.prompt_tokens


def test_n_two_choices(client):
    completion = client.chat.completions.create(model=GPT, n=2, messages=[{"role": "user", "content": "hi there"}])

    assert [choice.index for choice in completion.choices] == [0, 1]
    assert all(choice.message.content == greeting("hi there") for choice in completion.choices)


def test_n_two_on_a_claude_model_is_refused(client):
    # Anthropic has no `n`: the gateway says so instead of silently answering once.
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model=CLAUDE, n=2, messages=[{"role": "user", "content": "hi"}])
    assert caught.value.status_code == 400
    assert "n" in caught.value.message


def test_json_object_response_format(client):
    completion = client.chat.completions.create(
        model=GPT, response_format={"type": "json_object"}, messages=[{"role": "user", "content": "Answer in JSON please"}]
    )

    parsed = json.loads(completion.choices[0].message.content)
    assert isinstance(parsed, dict) and parsed


# --------------------------------------------------------------------------------------------------------------
# Embeddings, models, responses, legacy completions, images, audio


def test_embeddings_float(client):
    result = client.embeddings.create(model="text-embedding-3-small", input=["hello", "world"], encoding_format="float")

    assert result.model == "text-embedding-3-small"
    assert [item.index for item in result.data] == [0, 1]
    vectors = [item.embedding for item in result.data]
    assert all(isinstance(value, float) for vector in vectors for value in vector)
    assert len(vectors[0]) == len(vectors[1]) > 0
    assert vectors[0] != vectors[1]
    assert result.usage.prompt_tokens > 0
    # Deterministic, and `dimensions` is honoured.
    again = client.embeddings.create(model="text-embedding-3-small", input="hello", encoding_format="float")
    assert again.data[0].embedding == vectors[0]
    short = client.embeddings.create(model="text-embedding-3-small", input="hello", dimensions=64)
    assert len(short.data[0].embedding) == 64


def test_embeddings_base64(client):
    floats = client.embeddings.create(model="text-embedding-3-small", input="hello", encoding_format="float").data[0].embedding
    encoded = client.embeddings.create(model="text-embedding-3-small", input="hello", encoding_format="base64").data[0].embedding

    assert isinstance(encoded, str)
    raw = base64.b64decode(encoded)
    assert len(raw) == 4 * len(floats)
    decoded = struct.unpack(f"<{len(floats)}f", raw)
    assert all(abs(a - b) < 1e-6 for a, b in zip(decoded, floats))

    # With no encoding_format the SDK asks for base64 itself and hands back floats.
    default = client.embeddings.create(model="text-embedding-3-small", input="hello").data[0].embedding
    assert all(abs(a - b) < 1e-6 for a, b in zip(default, floats)) and len(default) == len(floats)


def test_models_list_and_retrieve(client):
    ids = [model.id for model in client.models.list()]

    assert GPT in ids
    assert CLAUDE in ids
    assert len(ids) == len(set(ids))

    model = client.models.retrieve(GPT)
    assert model.id == GPT and model.object == "model" and model.owned_by
    assert client.models.retrieve(CLAUDE).id == CLAUDE


def test_responses_create(client):
    response = client.responses.create(model=GPT, instructions="Be brief.", input="hello responses")

    assert response.status == "completed"
    assert response.output_text == greeting("hello responses")
    assert response.usage.input_tokens > 0 and response.usage.output_tokens > 0


def test_responses_stream(client):
    events = list(client.responses.create(model=GPT, input="hello stream", stream=True))
    types = [event.type for event in events]

    assert types[0] == "response.created"
    assert types[-1] == "response.completed"
    deltas = "".join(event.delta for event in events if event.type == "response.output_text.delta")
    assert deltas == greeting("hello stream")
    assert events[-1].response.output_text == deltas
    assert [event.sequence_number for event in events] == sorted(event.sequence_number for event in events)


def test_legacy_completions(client):
    completion = client.completions.create(model=GPT, prompt="Say hello")

    assert completion.object == "text_completion"
    assert completion.choices[0].text == greeting("Say hello")
    assert completion.usage.total_tokens > 0

    stream = client.completions.create(model=GPT, prompt="Say hello", stream=True)
    streamed = "".join(chunk.choices[0].text for chunk in stream if chunk.choices)
    assert streamed == greeting("Say hello")


def test_images_generate(client):
    by_url = client.images.generate(model="dall-e-3", prompt="A lighthouse at dusk", size="1024x1024")
    assert len(by_url.data) == 1 and by_url.data[0].url
    download = httpx.get(by_url.data[0].url, timeout=10.0)
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("image/")
    assert len(download.content) > 0

    inline = client.images.generate(model="gpt-image-1", prompt="A lighthouse at dusk")
    assert base64.b64decode(inline.data[0].b64_json).startswith(b"\x89PNG\r\n\x1a\n")


def test_images_edit(client):
    png = base64.b64decode(inline_png(client))
    by_url = client.images.edit(
        model="dall-e-2", image=("in.png", png, "image/png"), mask=("mask.png", png, "image/png"),
        prompt="Add a moon", n=2, size="512x512",
    )
    assert len(by_url.data) == 2 and all(image.url for image in by_url.data)
    download = httpx.get(by_url.data[0].url, timeout=10.0)
    assert download.status_code == 200 and download.content.startswith(b"\x89PNG\r\n\x1a\n")

    # gpt-image-1 takes several images and answers base64 PNG with its token usage.
    inline = client.images.edit(
        model="gpt-image-1", image=[("a.png", png, "image/png"), ("b.png", png, "image/png")],
        prompt="Merge them", quality="low", size="1024x1024",
    )
    assert base64.b64decode(inline.data[0].b64_json).startswith(b"\x89PNG\r\n\x1a\n")
    assert inline.usage.input_tokens_details.image_tokens > 0

    with pytest.raises(openai.BadRequestError):
        client.images.edit(model="dall-e-2", image=("in.txt", b"not an image", "text/plain"), prompt="x")


def inline_png(client) -> str:
    """A real PNG to upload: one the gateway's gpt-image-1 drew."""
    return client.images.generate(model="gpt-image-1", prompt="A plain square").data[0].b64_json


def test_audio_speech(client):
    mp3 = client.audio.speech.create(model="tts-1", voice="alloy", input="Hello from the interop suite")
    assert len(mp3.content) > 100
    assert mp3.response.headers["content-type"] == "audio/mpeg"

    wav = client.audio.speech.create(model="tts-1", voice="alloy", input="Hello", response_format="wav")
    assert wav.content[:4] == b"RIFF" and wav.content[8:12] == b"WAVE"


def test_audio_transcription(client, tmp_path):
    path = tmp_path / "hello.wav"
    path.write_bytes(tiny_wav())
    with path.open("rb") as upload:
        transcription = client.audio.transcriptions.create(model="whisper-1", file=upload)
    assert transcription.text

    verbose = client.audio.transcriptions.create(
        model="whisper-1", file=("hello.wav", tiny_wav(), "audio/wav"), response_format="verbose_json"
    )
    assert verbose.text and verbose.duration > 0


# --------------------------------------------------------------------------------------------------------------
# Errors: the SDK's exception classes


def test_bad_key_is_authentication_error(make_client):
    with pytest.raises(openai.AuthenticationError) as caught:
        make_client(BAD_KEY).chat.completions.create(model=GPT, messages=[{"role": "user", "content": "hi"}])
    assert caught.value.status_code == 401
    assert caught.value.code == "invalid_api_key"

    with pytest.raises(openai.AuthenticationError):
        make_client(BAD_KEY).models.list()


def test_retrieve_unknown_model_is_not_found(client):
    with pytest.raises(openai.NotFoundError) as caught:
        client.models.retrieve("gpt-does-not-exist")
    assert caught.value.status_code == 404
    assert caught.value.code == "model_not_found"


def test_chat_with_unknown_model_is_not_found(client):
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="gpt-does-not-exist", messages=[{"role": "user", "content": "hi"}])
    assert caught.value.code == "model_not_found"


@pytest.mark.parametrize("endpoint", ["embeddings", "responses"])
def test_model_the_endpoint_cannot_serve_is_a_client_error(client, endpoint):
    with pytest.raises((openai.BadRequestError, openai.NotFoundError)):
        if endpoint == "embeddings":
            client.embeddings.create(model=CLAUDE, input="hello")
        else:
            client.responses.create(model=CLAUDE, input="hello")


@pytest.mark.parametrize("model", [GPT, CLAUDE])
def test_upstream_429_is_rate_limit_error(client, model):
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model=model, messages=[{"role": "user", "content": "hi [fault:429]"}])
    assert caught.value.status_code == 429

    # A stream fails the same way, before its first chunk.
    with pytest.raises(openai.RateLimitError):
        list(client.chat.completions.create(model=model, messages=[{"role": "user", "content": "hi [fault:429]"}], stream=True))


def test_upstream_500_is_server_error_after_failover(client):
    with pytest.raises(openai.InternalServerError) as caught:
        client.chat.completions.create(model=GPT, messages=[{"role": "user", "content": "hi [fault:500]"}])
    assert caught.value.status_code == 502


def test_missing_messages_is_bad_request_passed_through(client):
    # The SDK will not send a chat call without `messages`; its low-level post will.
    with pytest.raises(openai.BadRequestError) as caught:
        client.post("/chat/completions", body={"model": GPT}, cast_to=object)
    assert caught.value.status_code == 400
    assert caught.value.code == "missing_required_parameter"
    assert caught.value.param == "messages"


def test_invalid_messages_are_bad_request(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model=GPT, messages=[])
    assert caught.value.param == "messages"

    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model=GPT, messages=[{"role": "wizard", "content": "hi"}])
    assert "role" in caught.value.message


@pytest.mark.parametrize("body", [{"model": GPT, "max_tokens": 0}, {"model": ""}], ids=["max_tokens=0", "empty-model"])
def test_gateway_validation_errors_are_bad_request(client, body):
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(messages=[{"role": "user", "content": "hi"}], **body)


# --------------------------------------------------------------------------------------------------------------
# Money


def test_poor_key_insufficient_quota_is_rate_limit_error(make_client, env_key):
    poor = make_client(env_key("SWITCHYARD_POOR_KEY"))
    # With no max_tokens the gateway reserves for 4096 output tokens of Opus: far more than $0.01.
    with pytest.raises(openai.RateLimitError) as caught:
        poor.chat.completions.create(model=EXPENSIVE, messages=[{"role": "user", "content": "hi"}])
    assert caught.value.status_code == 429
    assert caught.value.code == "insufficient_quota"
    assert caught.value.type == "insufficient_quota"


def test_poor_key_runs_out_after_a_few_calls(make_client, env_key):
    poor = make_client(env_key("SWITCHYARD_OPENAI_POOR_KEY"))
    message = [{"role": "user", "content": "Tell me a long story about a lighthouse keeper and the sea"}]
    answered = 0
    for _ in range(10):
        try:
            completion = poor.chat.completions.create(model=EXPENSIVE, max_tokens=50, messages=message)
        except openai.RateLimitError as error:
            assert error.code == "insufficient_quota"
            break
        assert completion.choices[0].message.content
        answered += 1
    else:
        pytest.fail("a $0.01 key still answered 10 Opus calls")

    assert answered >= 1, "the first small call fits in $0.01"
    # Spent is spent: the next call is refused too, and a stream is refused before it starts.
    with pytest.raises(openai.RateLimitError):
        poor.chat.completions.create(model=EXPENSIVE, max_tokens=50, messages=message)
    with pytest.raises(openai.RateLimitError):
        list(poor.chat.completions.create(model=EXPENSIVE, max_tokens=50, messages=message, stream=True))


def test_billing_endpoints_show_the_balance_a_chat_front_end_displays(make_client, env_key, gateway_url):
    """What OpenAI-compatible front-ends read with the SDK's own transport: balance = hard limit - usage.

    The key is unlimited but its user has $5.00: the user's balance is what the front-end must show."""
    key = env_key("SWITCHYARD_BILLING_KEY")
    client = make_client(key)
    spender = make_client(env_key("SWITCHYARD_OTHER_KEY"))
    period = {"params": {"start_date": "2020-01-01", "end_date": "2100-01-01"}}

    def balance() -> float:
        limit = client.get("/dashboard/billing/subscription", cast_to=object)["hard_limit_usd"]
        return limit - client.get("/dashboard/billing/usage", cast_to=object, options=period)["total_usage"] / 100

    def user_balance() -> float:
        answer = httpx.get(gateway_url + "/api/user/self", headers={"Authorization": f"Bearer {key}"}).json()
        return float(answer["data"]["quota"])

    assert client.get("/dashboard/billing/subscription", cast_to=object)["object"] == "billing_subscription"
    assert balance() == pytest.approx(5.0)
    client.chat.completions.create(model=GPT, messages=[{"role": "user", "content": "What is my balance?"}])
    # Another customer's spending never shows on this key.
    spender.chat.completions.create(model=GPT, messages=[{"role": "user", "content": "Someone else"}])
    deadline = time.time() + 5
    while user_balance() == 5.0 and time.time() < deadline:
        time.sleep(0.1)
    spent = 5.0 - user_balance()
    assert 0 < spent < 0.01  # a short gpt-4o-mini call costs a fraction of a cent
    assert balance() == pytest.approx(user_balance(), abs=1e-6)


def test_billing_refuses_a_bad_key_in_openais_shape(make_client):
    with pytest.raises(openai.AuthenticationError) as refused:
        make_client(BAD_KEY).get("/dashboard/billing/subscription", cast_to=object)
    assert refused.value.status_code == 401
