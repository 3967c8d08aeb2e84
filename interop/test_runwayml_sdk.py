"""The official `runwayml` Python SDK (5.24) as a client of Switchyard's Runway routes.

`RunwayML(base_url=<gateway>/runwayml, api_key=<Switchyard key>)`: the SDK sends its own `X-Runway-Version`, waits
with its own `wait_for_task_output`, and raises its own exception classes for the gateway's errors.
Run through `interop/run.sh`, which starts `switchyard serve --demo` and exports the keys.
"""

from __future__ import annotations

import time

import httpx
import pytest
import runwayml
import runwayml.lib.polling as polling
from runwayml import RunwayML

PROMPT_IMAGE = "https://example.com/first-frame.png"
# gen4_turbo: 5 credits ($0.05) per second of video.
FIVE_SECOND_VIDEO_CREDITS = 25


@pytest.fixture(scope="module", autouse=True)
def quick_sdk_polling():
    """`wait_for_task_output` sleeps about 6 s between polls; the demo's tasks take about 3 s, so the SDK's own
    loop is run with a short interval (the same loop, only quicker)."""
    saved = polling.POLL_TIME, polling.POLL_JITTER
    polling.POLL_TIME, polling.POLL_JITTER = 0.3, 0
    yield
    polling.POLL_TIME, polling.POLL_JITTER = saved


@pytest.fixture(scope="module")
def runway_base_url(gateway_url: str) -> str:
    return gateway_url + "/runwayml"


def make_client(base_url: str, key: str, **options) -> RunwayML:
    # max_retries=0: every error surfaces at once instead of after the SDK's back-off.
    return RunwayML(base_url=base_url, api_key=key, max_retries=0, timeout=20.0, **options)


@pytest.fixture(scope="module")
def runway(runway_base_url: str, env_key) -> RunwayML:
    return make_client(runway_base_url, env_key("SWITCHYARD_KEY"))


def credits(client: RunwayML) -> int:
    return client.organization.retrieve().credit_balance


def test_image_to_video_is_created_and_waited_for_with_the_sdks_own_loop(runway: RunwayML):
    before = credits(runway)
    created = runway.image_to_video.create(
        model="gen4_turbo", prompt_image=PROMPT_IMAGE, ratio="1280:720", prompt_text="A lighthouse at dusk", duration=5
    )
    task = created.wait_for_task_output(timeout=60)
    assert task.status == "SUCCEEDED"
    assert task.id == created.id
    assert task.cost.credits == FIVE_SECOND_VIDEO_CREDITS
    video = httpx.get(task.output[0], timeout=10.0, follow_redirects=True)
    assert video.status_code == 200
    assert video.headers["content-type"] == "video/mp4"
    assert video.content[4:8] == b"ftyp"
    assert runway.tasks.retrieve(created.id).status == "SUCCEEDED"
    assert credits(runway) == before - FIVE_SECOND_VIDEO_CREDITS


def test_text_to_image_is_priced_by_its_resolution(runway: RunwayML):
    before = credits(runway)
    created = runway.text_to_image.create(model="gen4_image", prompt_text="A red kite", ratio="1920:1080")
    task = created.wait_for_task_output(timeout=60)
    assert task.status == "SUCCEEDED"
    assert httpx.get(task.output[0], timeout=10.0).headers["content-type"] == "image/png"
    # gen4_image at 1080p: 8 credits.
    assert credits(runway) == before - 8


def test_a_live_task_is_cancelled_refunded_and_then_gone(runway: RunwayML):
    before = credits(runway)
    created = runway.image_to_video.create(model="gen4_turbo", prompt_image=PROMPT_IMAGE, ratio="720:1280", duration=10)
    # Held while it runs.
    assert credits(runway) == before - 2 * FIVE_SECOND_VIDEO_CREDITS
    assert runway.tasks.retrieve(created.id).status in ("PENDING", "THROTTLED", "RUNNING")
    runway.tasks.delete(created.id)
    assert credits(runway) == before
    with pytest.raises(runwayml.NotFoundError):
        runway.tasks.retrieve(created.id)
    with pytest.raises(runwayml.NotFoundError):
        runway.tasks.delete(created.id)
    # The upstream's end of the task, later, changes nothing: the balance holds while it would have finished.
    deadline = time.monotonic() + 4
    while time.monotonic() < deadline:
        assert credits(runway) == before
        time.sleep(0.25)


def test_a_finished_task_deleted_keeps_its_charge(runway: RunwayML):
    before = credits(runway)
    created = runway.image_to_video.create(model="gen4_turbo", prompt_image=PROMPT_IMAGE, ratio="960:960", duration=5)
    assert created.wait_for_task_output(timeout=60).status == "SUCCEEDED"
    runway.tasks.delete(created.id)
    with pytest.raises(runwayml.NotFoundError):
        runway.tasks.retrieve(created.id)
    assert credits(runway) == before - FIVE_SECOND_VIDEO_CREDITS


def test_a_moderation_refusal_raises_the_sdks_task_failed_error_and_is_refunded(runway: RunwayML):
    before = credits(runway)
    created = runway.image_to_video.create(
        model="gen4_turbo", prompt_image=PROMPT_IMAGE, ratio="1280:720", prompt_text="refuse me [fault:safety]", duration=5
    )
    with pytest.raises(polling.TaskFailedError) as failed:
        created.wait_for_task_output(timeout=60)
    assert failed.value.task_details.status == "FAILED"
    assert failed.value.task_details.failure_code == "SAFETY.INPUT.TEXT"
    assert credits(runway) == before


def test_bad_input_raises_bad_request_error_in_runways_shape(runway: RunwayML):
    with pytest.raises(runwayml.BadRequestError) as refused:
        runway.image_to_video.create(model="gen4_turbo", prompt_image=PROMPT_IMAGE, ratio="1280:768")
    assert refused.value.status_code == 400
    assert refused.value.body["issues"][0]["path"] == ["ratio"]


def test_an_unknown_runway_version_raises_bad_request_error(runway_base_url: str, env_key):
    client = make_client(runway_base_url, env_key("SWITCHYARD_KEY"), runway_version="2020-01-01")
    with pytest.raises(runwayml.BadRequestError) as refused:
        client.organization.retrieve()
    assert "X-Runway-Version" in refused.value.body["error"]


def test_a_wrong_key_raises_authentication_error(runway_base_url: str):
    client = make_client(runway_base_url, "sk-this-key-does-not-exist-0000000000000000000000")
    with pytest.raises(runwayml.AuthenticationError):
        client.tasks.retrieve("00000000-0000-0000-0000-000000000000")


def test_another_customers_task_is_not_found(runway: RunwayML, runway_base_url: str, env_key):
    created = runway.image_to_video.create(model="gen4_turbo", prompt_image=PROMPT_IMAGE, ratio="1280:720", duration=5)
    other = make_client(runway_base_url, env_key("SWITCHYARD_OTHER_KEY"))
    with pytest.raises(runwayml.NotFoundError):
        other.tasks.retrieve(created.id)
    with pytest.raises(runwayml.NotFoundError):
        other.tasks.delete(created.id)
    assert created.wait_for_task_output(timeout=60).status == "SUCCEEDED"
