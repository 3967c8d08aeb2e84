"""Schemathesis against the live gateway's own OpenAPI document (`GET /openapi.json`).

Every documented operation is called with the document's explicit examples, its boundary values (schemathesis's
coverage phase: minimum, maximum, one past each, empty and over-long strings, missing required fields, wrong types)
and a bounded number (25, or SWITCHYARD_FUZZ_EXAMPLES) of generated bodies, positive and negative. Each answer must be:

- no 5xx and no dropped connection (nothing a customer sends is the gateway's failure);
- a status the document lists for the operation (its success status or a 4xx);
- for a 4xx, the error body of the route's family (OpenAI, Anthropic, Luma, Suno or the platform's envelope);
- of a documented content type.

Customer routes are called with an unlimited customer key, admin routes with an administrator's key. Writes on an
existing channel, user or key go to scratch ones made for this run (a generated id could name a demo channel, and
pointing that at nowhere would fail every later call), and a URL the gateway would call by itself (a channel's base
URL, a callback) is replaced by a closed port on the loopback, so that no generated address is ever contacted.
The gateway must still answer `/health` afterwards.
"""

from __future__ import annotations

import json
import os
import urllib.request

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# Bounded so that the whole run (about 80 operations) stays within a few minutes on two cores.
MAX_EXAMPLES = int(os.environ.get("SWITCHYARD_FUZZ_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# A port nothing listens on: a channel or callback pointed here fails at once, on this machine.
NOWHERE = "http://127.0.0.1:9"
# A served model per route, so that generated bodies reach the upstream instead of stopping at "model not found".
SERVED_MODELS = {
    "/v1/chat/completions": "gpt-4o-mini",
    "/v1/completions": "gpt-4o-mini",
    "/v1/embeddings": "text-embedding-3-small",
    "/v1/images/generations": "dall-e-3",
    "/v1/responses": "gpt-4o-mini",
    "/v1/audio/speech": "tts-1",
    "/v1/audio/transcriptions": "whisper-1",
    "/v1/audio/translations": "whisper-1",
    "/v1/messages": "claude-3-5-haiku-latest",
    "/v1/messages/count_tokens": "claude-3-5-haiku-latest",
}
OUTBOUND_URL_FIELDS = ("callback_url", "notify_hook", "webhook_url", "notifyHook", "webhook")


def _admin_post(gateway_url: str, admin_key: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(
        gateway_url + path,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {admin_key}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]


@pytest.fixture(scope="session")
def scratch(gateway_url: str, env_key) -> dict:
    """A channel, a user and a key of that user, made for this run: the admin writes with an id land on them."""
    admin = env_key("SWITCHYARD_ADMIN_KEY")
    channel = _admin_post(
        gateway_url,
        admin,
        "/api/channel",
        {"name": "fuzz", "family": "openai", "base_url": NOWHERE, "key": "sk-fuzz", "models": "fuzz-only-model"},
    )
    user = _admin_post(gateway_url, admin, "/api/user", {"name": "fuzz"})
    token = _admin_post(gateway_url, admin, "/api/token", {"name": "fuzz", "user_id": user["id"]})
    return {"channel": str(channel["id"]), "user": user["id"], "token": token["id"]}


def _load_schema():
    url = os.environ.get("SWITCHYARD_URL")
    if not url:
        pytest.exit("SWITCHYARD_URL is not set: run the suite through interop/run.sh", returncode=2)
    loaded = schemathesis.openapi.from_url(url.rstrip("/") + "/openapi.json")
    loaded.config.update(base_url=url.rstrip("/"))
    loaded.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=MAX_EXAMPLES,
        deterministic=True,
        with_security_parameters=False,
        database="none",
    )
    return loaded


# Loaded when the module is collected: the gateway run.sh started serves it.
schema = _load_schema()


def _confine(case, scratch: dict) -> None:
    """Keeps generated writes away from the demo's own objects and generated URLs from being contacted."""
    path = case.operation.path
    if path.startswith("/api/") and case.method.upper() in ("POST", "PUT") and case.path_parameters:
        subject = path.split("/")[2]
        if subject in scratch and "id" in case.path_parameters:
            case.path_parameters["id"] = scratch[subject]
    body = case.body if isinstance(case.body, dict) else None
    if body is None:
        return
    for field in OUTBOUND_URL_FIELDS:
        body.pop(field, None)
    if path.startswith("/api/channel"):
        if "base_url" in body:
            body["base_url"] = NOWHERE
        # A generated channel must not serve the demo's models, or calls would be routed to it first.
        for field in ("models", "model_mapping"):
            body.pop(field, None)
        if case.method.upper() == "POST":
            body["models"] = "fuzz-only-model"
    if path in SERVED_MODELS and isinstance(body.get("model"), str):
        body["model"] = SERVED_MODELS[path]


def _headers(case, env_key) -> dict:
    path = case.operation.path
    is_admin = path.startswith("/api/") and not path.endswith("/self")
    key = env_key("SWITCHYARD_ADMIN_KEY" if is_admin else "SWITCHYARD_FUZZ_KEY")
    if path.startswith("/v1/messages"):
        return {"x-api-key": key, "anthropic-version": "2023-06-01"}
    return {"Authorization": f"Bearer {key}"}


@schema.parametrize()
@settings(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck), max_examples=MAX_EXAMPLES)
def test_every_operation_answers_in_its_documented_shape(case, scratch, env_key):
    _confine(case, scratch)
    try:
        response = case.call(headers=_headers(case, env_key), timeout=30)
    except requests.ConnectionError as error:  # a dropped connection is a failure of its own
        pytest.fail(f"{case.method} {case.formatted_path}: connection dropped: {error}")
    case.validate_response(response, checks=CHECKS)


def test_gateway_is_alive_after_the_run(gateway_url: str):
    with urllib.request.urlopen(gateway_url + "/health", timeout=10) as response:
        assert response.status == 200
        assert json.load(response) == {"status": "ok"}
