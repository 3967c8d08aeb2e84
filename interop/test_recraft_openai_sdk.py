"""The official `openai` SDK as a client of the gateway's Recraft dialect (`/recraft/v1`), as Recraft's own
documentation has users write it: `base_url` set to Recraft's API, Recraft's fields in `extra_body`.

The images are downloaded and opened by their headers: a WebP (RIFF/VP8 key frame) for raster styles, an SVG
document that an XML parser reads for vector styles.
"""

from __future__ import annotations

import base64
import time
import xml.etree.ElementTree as ElementTree

import httpx
import openai
import pytest


def recraft_client(gateway_url: str, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gateway_url + "/recraft/v1", api_key=key, max_retries=0, timeout=30.0)


@pytest.fixture(scope="module")
def recraft(gateway_url: str, env_key) -> openai.OpenAI:
    return recraft_client(gateway_url, env_key("SWITCHYARD_KEY"))


def webp_size(data: bytes) -> tuple[int, int]:
    """The width and height of a lossy WebP; fails the test when `data` is not one."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", data[:16]
    assert data[12:16] == b"VP8 " and data[23:26] == b"\x9d\x01\x2a", "not a VP8 key frame"
    return (int.from_bytes(data[26:28], "little") & 0x3FFF, int.from_bytes(data[28:30], "little") & 0x3FFF)


def svg_root(data: bytes) -> ElementTree.Element:
    root = ElementTree.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    return root


def test_images_generate_returns_a_webp_that_opens(recraft: openai.OpenAI) -> None:
    result = recraft.images.generate(
        model="recraftv3", prompt="a red fox in the snow", size="1024x1024", extra_body={"style": "digital_illustration"}
    )
    assert abs(result.created - time.time()) < 120
    assert len(result.data) == 1
    url = result.data[0].url
    assert url and url.startswith("http")
    response = httpx.get(url, timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/webp"
    assert webp_size(response.content) == (64, 64)


def test_b64_json_carries_the_image(recraft: openai.OpenAI) -> None:
    result = recraft.images.generate(model="recraftv2", prompt="a pear", n=2, response_format="b64_json")
    assert len(result.data) == 2
    for image in result.data:
        assert image.url is None
        webp_size(base64.b64decode(image.b64_json))


def test_a_vector_style_answers_svg(recraft: openai.OpenAI) -> None:
    result = recraft.images.generate(
        model="recraftv3", prompt="a lighthouse", extra_body={"style": "vector_illustration", "substyle": "line_art"}
    )
    svg_root(httpx.get(result.data[0].url, timeout=10).content)


def test_bad_input_is_a_400_in_recrafts_shape(recraft: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as raised:
        recraft.images.generate(model="recraftv3", prompt="x", size="1000x1000")
    body = raised.value.response.json()
    assert body["code"] and body["message"].startswith("size:")


def test_a_custom_style_is_its_owners_only(gateway_url: str, env_key, recraft: openai.OpenAI) -> None:
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP438AAAAQBAYDFKhhdAAAAAElFTkSuQmCC")
    created = httpx.post(
        gateway_url + "/recraft/v1/styles",
        headers={"Authorization": f"Bearer {env_key('SWITCHYARD_KEY')}"},
        data={"style": "vector_illustration"},
        files=[("files", ("a.png", png, "image/png")), ("files", ("b.png", png, "image/png"))],
        timeout=30,
    )
    assert created.status_code == 200, created.text
    style_id = created.json()["id"]

    mine = recraft.images.generate(model="recraftv3", prompt="a kite", extra_body={"style_id": style_id})
    svg_root(httpx.get(mine.data[0].url, timeout=10).content)

    other = recraft_client(gateway_url, env_key("SWITCHYARD_OTHER_KEY"))
    with pytest.raises(openai.NotFoundError) as raised:
        other.images.generate(model="recraftv3", prompt="a kite", extra_body={"style_id": style_id})
    assert raised.value.response.json() == {"code": "not_found", "message": f"Style {style_id} not found"}


def test_a_multipart_tool_answers_a_transparent_png(gateway_url: str, env_key) -> None:
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP438AAAAQBAYDFKhhdAAAAAElFTkSuQmCC")
    answer = httpx.post(
        gateway_url + "/recraft/v1/images/removeBackground",
        headers={"Authorization": f"Bearer {env_key('SWITCHYARD_KEY')}"},
        files={"file": ("photo.png", png, "image/png")},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    image = httpx.get(answer.json()["image"]["url"], timeout=10).content
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and image[12:16] == b"IHDR"
    assert image[25] == 6, "an RGBA PNG: the background is transparent"
