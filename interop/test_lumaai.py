"""The official `lumaai` Python SDK (1.21) as a client of Switchyard's Luma routes.

Each test checks what a user of the SDK would see when pointing `base_url` at the gateway instead of Luma.
Run through `interop/run.sh`, which starts `switchyard serve --demo` and exports the keys.
"""

from __future__ import annotations

import asyncio
import os
import uuid

import httpx
import lumaai
import pytest

from conftest import wait_for_all, wait_for_generation, wait_until_idle

# The keyframes example of Luma's API documentation (image to video with a start frame).
KEYFRAME_IMAGE_URL = "https://storage.cdn-luma.com/dream_machine/7e4fe07f-1dfd-4921-bc97-4bcf5adea39a/video_0_thumb.jpg"
SOURCE_VIDEO_URL = "https://example.com/source-clip.mp4"
SOURCE_IMAGE_URL = "https://example.com/source-image.jpg"


def assert_uuid(value: str) -> None:
    assert str(uuid.UUID(value)) == value.lower(), f"{value!r} is not a canonical UUID"


def assert_gateway_media(url: str) -> None:
    """Result files are the gateway's own copies (its media store), not the upstream's links."""
    prefix = os.environ["SWITCHYARD_URL"].rstrip("/") + "/media/"
    assert url.startswith(prefix), f"{url!r} is not a gateway media URL ({prefix}...)"


def download(url: str) -> httpx.Response:
    assert_gateway_media(url)
    response = httpx.get(url, timeout=10.0, follow_redirects=True)
    assert response.status_code == 200, f"GET {url} -> {response.status_code}"
    assert response.content, f"GET {url} returned no bytes"
    return response


def balance(client) -> float:
    return client.credits.get().credit_balance


def settled_balance(client) -> float:
    """The balance once no generation of the customer is live (holds of live ones may still be given back)."""
    wait_until_idle(client)
    return balance(client)


# --------------------------------------------------------------------------------------------------------------
# One video made by the demo customer, shared by the tests that need a generation (created once, polled once).


@pytest.fixture(scope="module")
def video_created(luma):
    return luma.generations.create(
        prompt="A teddy bear in sunglasses playing electric guitar in front of a waterfall",
        model="ray-2",
    )


@pytest.fixture(scope="module")
def video_completed(luma, video_created):
    generation = wait_for_generation(luma, video_created.id)
    assert generation.state == "completed", f"failure_reason={generation.failure_reason!r}"
    return generation


# --------------------------------------------------------------------------------------------------------------
# Small endpoints.


def test_ping(luma):
    assert luma.ping.check().message == "pong"


def test_concepts_list_is_strings(luma):
    concepts = luma.generations.concepts.list()
    assert isinstance(concepts, list) and concepts
    assert all(isinstance(item, str) and item for item in concepts)


def test_camera_motion_list_is_strings(luma):
    # SDK 1.21 has no resource method for this route; the client's generic GET reaches it the same way.
    motions = luma.get("/generations/camera_motion/list", cast_to=object)
    assert isinstance(motions, list) and motions
    assert all(isinstance(item, str) and item for item in motions)


def test_credits_reports_a_balance(luma):
    credits = luma.credits.get()
    assert isinstance(credits.credit_balance, float)
    assert credits.credit_balance > 0


# --------------------------------------------------------------------------------------------------------------
# Video generation: create, poll, download, list, delete, isolation between customers.


def test_create_video_is_queued(video_created):
    generation = video_created
    assert_uuid(generation.id)
    assert generation.state == "queued"
    assert generation.generation_type == "video"
    assert generation.model == "ray-2"
    assert generation.failure_reason is None
    assert generation.request is not None
    assert generation.request.aspect_ratio == "16:9"  # the API's default, echoed back
    assert generation.request.prompt.startswith("A teddy bear")
    assert generation.created_at is not None


def test_create_with_keyframes_docs_example(luma):
    generation = luma.generations.create(
        prompt="Low-angle shot of a majestic tiger prowling through a snowy landscape, leaving paw prints on the white blanket",
        model="ray-2",
        keyframes={"frame0": {"type": "image", "url": KEYFRAME_IMAGE_URL}},
    )
    assert_uuid(generation.id)
    assert generation.state == "queued"
    assert generation.request.aspect_ratio == "16:9"
    frame0 = generation.request.keyframes.frame0
    assert frame0.type == "image"
    assert frame0.url == KEYFRAME_IMAGE_URL


def test_create_with_options_is_echoed(luma):
    concept = luma.generations.concepts.list()[0]
    raw = luma.generations.with_raw_response.create(
        concepts=[{"key": concept}],
        prompt="A paper boat drifting down a rain-soaked gutter",
        model="ray-flash-2",
        aspect_ratio="9:16",
        loop=True,
        resolution="540p",
        duration="5s",
    )
    assert raw.status_code == 201
    generation = raw.parse()
    assert generation.model == "ray-flash-2"
    assert generation.request.aspect_ratio == "9:16"
    assert generation.request.loop is True
    assert generation.request.resolution == "540p"
    assert generation.request.duration == "5s"
    assert [c.key for c in generation.request.concepts] == [concept]


def test_async_client_creates_and_reads(luma_base_url):
    async def scenario():
        async with lumaai.AsyncLumaAI(auth_token=os.environ["SWITCHYARD_KEY"], base_url=luma_base_url, max_retries=0) as client:
            created = await client.generations.image.create(prompt="A quiet harbour", model="photon-flash-1")
            fetched = await client.generations.get(created.id)
            return created, fetched

    created, fetched = asyncio.run(scenario())
    assert_uuid(created.id)
    assert fetched.id == created.id
    assert fetched.generation_type == "image"


def test_video_completes_with_downloadable_mp4(luma, video_completed):
    generation = video_completed
    assert generation.state == "completed"
    assert generation.failure_reason is None
    assert generation.assets is not None and generation.assets.video
    body = download(generation.assets.video).content
    assert len(body) > 8
    assert body[4:8] == b"ftyp", f"not an MP4: first bytes {body[:12]!r}"


def test_keyframe_may_reference_own_generation(luma, video_completed):
    # A generation reference carries the gateway's id; the gateway maps it to the upstream one.
    generation = luma.generations.create(
        prompt="Continue the scene",
        model="ray-2",
        keyframes={"frame0": {"type": "generation", "id": video_completed.id}},
    )
    assert generation.state == "queued"
    assert generation.request.keyframes.frame0.type == "generation"
    assert generation.request.keyframes.frame0.id == video_completed.id


def test_list_shows_own_generation_only(luma, luma_other, video_completed):
    page = luma.generations.list(limit=100)
    ids = [g.id for g in page.generations]
    assert video_completed.id in ids
    listed = next(g for g in page.generations if g.id == video_completed.id)
    assert listed.state == "completed"

    other_ids = [g.id for g in luma_other.generations.list(limit=100).generations]
    assert video_completed.id not in other_ids

    # And the other way round: another customer's generation never shows in this one's list.
    theirs = luma_other.generations.image.create(prompt="Someone else's picture", model="photon-flash-1")
    assert theirs.id in [g.id for g in luma_other.generations.list(limit=100).generations]
    assert theirs.id not in [g.id for g in luma.generations.list(limit=100).generations]
    with pytest.raises(lumaai.NotFoundError):
        luma.generations.get(theirs.id)


def test_list_pagination(luma, video_completed):
    page = luma.generations.list(limit=1, offset=0)
    assert len(page.generations) == 1
    assert page.count == 1
    assert page.limit == 1
    assert page.offset == 0
    assert page.has_more is True


def test_other_customer_cannot_see_or_touch_it(luma_other, video_completed):
    with pytest.raises(lumaai.NotFoundError):
        luma_other.generations.get(video_completed.id)
    with pytest.raises(lumaai.NotFoundError):
        luma_other.generations.upscale(video_completed.id, resolution="1080p")
    with pytest.raises(lumaai.NotFoundError):
        luma_other.generations.delete(video_completed.id)


def test_get_unknown_id_is_not_found(luma):
    with pytest.raises(lumaai.NotFoundError):
        luma.generations.get(str(uuid.uuid4()))


def test_upscale_and_audio_on_completed_video(luma, video_completed):
    upscale = luma.generations.with_raw_response.upscale(video_completed.id, generation_type="upscale_video", resolution="1080p")
    assert upscale.status_code == 201
    upscaled = upscale.parse()
    assert_uuid(upscaled.id)
    assert upscaled.id != video_completed.id
    assert upscaled.generation_type == "upscale_video"
    assert upscaled.request.resolution == "1080p"

    audio = luma.generations.with_raw_response.audio(
        video_completed.id, generation_type="add_audio", prompt="rain on a tin roof", negative_prompt="music"
    )
    assert audio.status_code == 201
    with_audio = audio.parse()
    assert_uuid(with_audio.id)
    assert with_audio.generation_type == "add_audio"
    assert with_audio.request.prompt == "rain on a tin roof"

    done = wait_for_all(luma, [upscaled.id, with_audio.id])
    for generation in done.values():
        assert generation.state == "completed", f"{generation.generation_type}: {generation.failure_reason!r}"
        assert generation.assets is not None and generation.assets.video
        assert download(generation.assets.video).content[4:8] == b"ftyp"


def test_video_modify_accepted(luma):
    raw = luma.generations.video.with_raw_response.modify(
        generation_type="modify_video",
        media={"url": SOURCE_VIDEO_URL},
        mode="flex_1",
        model="ray-2",
        prompt="make it snow",
    )
    assert raw.status_code == 201
    generation = raw.parse()
    assert_uuid(generation.id)
    assert generation.state == "queued"
    assert generation.generation_type == "modify_video"
    assert generation.request.mode == "flex_1"
    assert generation.request.media.url == SOURCE_VIDEO_URL


def test_video_reframe_accepted(luma):
    raw = luma.generations.video.with_raw_response.reframe(
        generation_type="reframe_video",
        media={"url": SOURCE_VIDEO_URL},
        aspect_ratio="9:16",
        model="ray-flash-2",
        grid_position_x=10,
        grid_position_y=20,
    )
    assert raw.status_code == 201
    generation = raw.parse()
    assert_uuid(generation.id)
    assert generation.generation_type == "reframe_video"
    assert generation.request.aspect_ratio == "9:16"
    assert generation.request.grid_position_x == 10


def test_image_reframe_accepted(luma):
    raw = luma.generations.image.with_raw_response.reframe(
        generation_type="reframe_image",
        media={"url": SOURCE_IMAGE_URL},
        aspect_ratio="1:1",
        model="photon-flash-1",
        format="png",
    )
    assert raw.status_code == 201
    generation = raw.parse()
    assert_uuid(generation.id)
    assert generation.generation_type == "reframe_image"
    assert generation.request.aspect_ratio == "1:1"
    assert generation.request.format == "png"


def test_delete_then_get_is_not_found(luma):
    generation = luma.generations.create(prompt="A short-lived clip", model="ray-flash-2")
    luma.generations.delete(generation.id)
    with pytest.raises(lumaai.NotFoundError):
        luma.generations.get(generation.id)
    assert generation.id not in [g.id for g in luma.generations.list(limit=100).generations]


# --------------------------------------------------------------------------------------------------------------
# Images.


def test_image_create_completes(luma):
    created = luma.generations.image.create(prompt="A red fox in a moss-green raincoat", model="photon-1", aspect_ratio="1:1")
    assert_uuid(created.id)
    assert created.state == "queued"
    assert created.generation_type == "image"
    assert created.request.aspect_ratio == "1:1"

    generation = wait_for_generation(luma, created.id)
    assert generation.state == "completed", f"failure_reason={generation.failure_reason!r}"
    assert generation.assets is not None and generation.assets.image
    assert download(generation.assets.image).content


def test_image_sync_answers_finished_image(luma):
    # SDK 1.21's image create takes sync/sync_timeout ("return completed image"); the emulator models it.
    generation = luma.generations.image.create(prompt="A blue door", model="photon-flash-1", sync=True, sync_timeout=20)
    assert generation.state == "completed"
    assert generation.assets is not None and generation.assets.image
    # Finished in the create answer itself, and already copied into the gateway's store.
    assert download(generation.assets.image).content


def test_keyframes_without_prompt_accepted(luma):
    generation = luma.generations.create(model="ray-2", keyframes={"frame0": {"type": "image", "url": KEYFRAME_IMAGE_URL}})
    assert generation.state == "queued"
    luma.generations.delete(generation.id)


# --------------------------------------------------------------------------------------------------------------
# Billing through the credits endpoint.


def test_credits_decrease_after_a_charged_generation(luma):
    before = settled_balance(luma)
    created = luma.generations.create(prompt="A lighthouse at dusk", model="ray-flash-2")
    generation = wait_for_generation(luma, created.id)
    assert generation.state == "completed"
    after = balance(luma)
    assert after < before, f"credit_balance {before} -> {after}: nothing charged"


def test_failed_generation_is_not_charged(luma):
    before = settled_balance(luma)
    created = luma.generations.create(prompt="A clip that will not render [fault:fail]", model="ray-2")
    assert created.state == "queued"
    generation = wait_for_generation(luma, created.id)
    assert generation.state == "failed"
    assert generation.failure_reason
    assert balance(luma) == before


def test_upstream_500_on_submit_is_held_until_the_operator_refunds_it(luma, gateway_url, env_key):
    """A 500 may come after the upstream started the generation: the SDK sees a server error, the price stays held,
    and the operator's refund (after checking the provider's console) gives it back."""
    admin = {"Authorization": f"Bearer {env_key('SWITCHYARD_ADMIN_KEY')}"}

    def flagged() -> set[str]:
        answer = httpx.get(gateway_url + "/api/reconcile", params={"page_size": 100}, headers=admin, timeout=10)
        assert answer.status_code == 200
        return {item["id"] for item in answer.json()["data"]["items"]}

    before = settled_balance(luma)
    earlier = flagged()
    with pytest.raises(lumaai.APIStatusError) as caught:
        luma.generations.create(prompt="The upstream breaks [fault:500]", model="ray-2")
    assert caught.value.status_code == 502
    assert isinstance(caught.value.body, dict) and caught.value.body.get("detail")
    assert isinstance(caught.value, lumaai.InternalServerError)
    assert balance(luma) < before
    (held,) = flagged() - earlier
    refund = httpx.post(gateway_url + f"/api/reconcile/{held}", json={"action": "refund"}, headers=admin, timeout=10)
    assert refund.status_code == 200
    assert settled_balance(luma) == before


# --------------------------------------------------------------------------------------------------------------
# Errors as the SDK raises them.


def test_bad_key_is_authentication_error(luma_bad_key):
    with pytest.raises(lumaai.AuthenticationError) as caught:
        luma_bad_key.generations.create(prompt="anything", model="ray-2")
    assert caught.value.status_code == 401
    assert isinstance(caught.value.body, dict) and caught.value.body.get("detail")
    with pytest.raises(lumaai.AuthenticationError):
        luma_bad_key.credits.get()


def test_invalid_aspect_ratio_is_unprocessable(luma):
    before = settled_balance(luma)
    with pytest.raises(lumaai.UnprocessableEntityError) as caught:
        luma.generations.create(prompt="anything", model="ray-2", aspect_ratio="7:3")  # type: ignore[arg-type]
    assert caught.value.status_code == 422
    assert isinstance(caught.value.body, dict) and "aspect_ratio" in caught.value.body.get("detail", "")
    assert balance(luma) == before


def test_unknown_model_is_rejected(luma):
    with pytest.raises((lumaai.UnprocessableEntityError, lumaai.BadRequestError)):
        luma.generations.create(prompt="anything", model="ray-99")  # type: ignore[arg-type]


def test_missing_prompt_is_rejected(luma):
    with pytest.raises((lumaai.UnprocessableEntityError, lumaai.BadRequestError)):
        luma.generations.image.create(model="photon-1")


def test_upscale_of_unfinished_generation_is_rejected(luma):
    created = luma.generations.create(prompt="Not done yet", model="ray-flash-2")
    with pytest.raises(lumaai.BadRequestError):
        luma.generations.upscale(created.id, resolution="1080p")
    luma.generations.delete(created.id)


def test_poor_key_gets_402_and_nothing_is_charged(luma_poor):
    before = balance(luma_poor)
    assert before == pytest.approx(1.0)  # $0.01 quota = 1 US cent
    with pytest.raises(lumaai.APIStatusError) as caught:
        luma_poor.generations.create(prompt="An expensive clip", model="ray-2")
    assert caught.value.status_code == 402
    assert isinstance(caught.value.body, dict) and caught.value.body.get("detail")
    assert balance(luma_poor) == before
    assert luma_poor.generations.list().generations == []
