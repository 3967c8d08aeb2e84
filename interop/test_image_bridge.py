"""The official `openai` SDK drawing with Flux through OpenAI's images route: `client.images.generate` with a Flux
model is run as a Flux task by the gateway, which waits for it and answers in OpenAI's shape. The demo's emulated
Flux upstream makes a real JPEG; `[moderation:request]` in the prompt makes it refuse the prompt.
"""

from __future__ import annotations

import base64

import httpx
import openai
import pytest

JPEG_MAGIC = b"\xff\xd8\xff"


@pytest.fixture(scope="module")
def client(gateway_url, env_key) -> openai.OpenAI:
    # The gateway answers once the task has ended (a few seconds on the demo emulator).
    return openai.OpenAI(api_key=env_key("SWITCHYARD_KEY"), base_url=gateway_url + "/v1", max_retries=0, timeout=60.0)


def test_flux_image_as_a_url(client):
    image = client.images.generate(model="flux-pro-1.1", prompt="a red fox in the snow", size="1024x1024")
    assert len(image.data) == 1
    url = image.data[0].url
    assert url and url.startswith("http")
    downloaded = httpx.get(url, timeout=20.0)
    assert downloaded.status_code == 200
    assert downloaded.content.startswith(JPEG_MAGIC)


def test_flux_image_as_b64_json(client):
    image = client.images.generate(
        model="flux-kontext-pro", prompt="a red fox in the snow", size="1792x1024", response_format="b64_json"
    )
    assert image.data[0].url is None
    assert base64.b64decode(image.data[0].b64_json).startswith(JPEG_MAGIC)


def test_a_moderated_prompt_is_an_openai_error(client):
    with pytest.raises(openai.BadRequestError) as raised:
        client.images.generate(model="flux-pro-1.1", prompt="a fox [moderation:request]")
    assert "moderation" in str(raised.value)


def test_more_than_one_flux_image_is_refused(client):
    with pytest.raises(openai.BadRequestError):
        client.images.generate(model="flux-pro-1.1", prompt="two foxes", n=2)
