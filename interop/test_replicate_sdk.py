"""The official `replicate` SDK against the gateway: `replicate.Client(api_token=KEY, base_url=<gateway>/replicate)`.

The demo's Replicate channel is the bundled emulator (models black-forest-labs/flux-schnell, stability-ai/sdxl,
minimax/video-01; deployment acme/flux-prod); a prediction ends in about three seconds.
"""

from __future__ import annotations

import httpx
import pytest
import replicate
from replicate.exceptions import ModelError, ReplicateError

SDXL = "stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"
PNG = b"\x89PNG"


def _client(gateway_url: str, key: str) -> replicate.Client:
    client = replicate.Client(api_token=key, base_url=gateway_url + "/replicate")
    client.poll_interval = 0.2
    return client


@pytest.fixture(scope="module")
def client(gateway_url, env_key) -> replicate.Client:
    return _client(gateway_url, env_key("SWITCHYARD_KEY"))


@pytest.fixture(scope="module")
def other(gateway_url, env_key) -> replicate.Client:
    return _client(gateway_url, env_key("SWITCHYARD_OTHER_KEY"))


def _url(output) -> str:
    """An output file's URL: the SDK wraps https URLs in FileOutput and leaves others as strings."""
    return getattr(output, "url", output)


def test_run_an_official_model_returns_its_images(client):
    outputs = client.run("black-forest-labs/flux-schnell", input={"prompt": "a lighthouse at dusk", "num_outputs": 2})
    assert isinstance(outputs, list) and len(outputs) == 2
    image = httpx.get(_url(outputs[0]), timeout=10)
    assert image.status_code == 200 and image.content.startswith(PNG)


def test_run_a_version_reads_its_metadata_and_returns_images(client):
    outputs = client.run(SDXL, input={"prompt": "a red fox"})
    assert len(outputs) == 1 and _url(outputs[0]).endswith(".png")


def test_create_and_wait(client):
    prediction = client.predictions.create(model="minimax/video-01", input={"prompt": "waves"})
    assert prediction.status == "starting"
    assert prediction.urls["get"].endswith("/replicate/v1/predictions/" + prediction.id)
    prediction.wait()
    assert prediction.status == "succeeded"
    assert _url(prediction.output).endswith(".mp4")
    assert prediction.metrics["predict_time"] > 0
    assert client.predictions.get(prediction.id).status == "succeeded"
    assert prediction.id in [p.id for p in client.predictions.list().results]


def test_a_deployment_prediction(client):
    prediction = client.predictions.create(deployment="acme/flux-prod", input={"prompt": "a kite"})
    prediction.wait()
    assert prediction.status == "succeeded" and prediction.model == "black-forest-labs/flux-schnell"


def test_cancel(client):
    prediction = client.predictions.create(model="black-forest-labs/flux-schnell", input={"prompt": "stop me"})
    prediction.cancel()
    assert prediction.status == "canceled"
    prediction.reload()
    assert prediction.status == "canceled"


def test_a_failed_run_raises_model_error(client):
    with pytest.raises(ModelError):
        client.run("black-forest-labs/flux-schnell", input={"prompt": "doomed [fault:fail]"})


def test_errors_are_replicate_errors(client, other):
    prediction = client.predictions.create(model="black-forest-labs/flux-schnell", input={"prompt": "mine"})
    with pytest.raises(ReplicateError) as missing:
        other.predictions.get(prediction.id)
    assert missing.value.status == 404
    with pytest.raises(ReplicateError) as invalid:
        client.predictions.create(model="black-forest-labs/flux-schnell", input={"num_outputs": 99})
    assert invalid.value.status == 422 and invalid.value.detail


def test_the_webhook_secret(client, other):
    secret = client.webhooks.default.secret()
    assert secret.key.startswith("whsec_")
    assert secret.key != other.webhooks.default.secret().key
