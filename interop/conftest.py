"""Shared fixtures of the interop suite: SDK clients pointed at a running gateway.

`interop/run.sh` starts `switchyard serve --demo` and exports:

- SWITCHYARD_URL        the gateway's root, e.g. http://127.0.0.1:PORT
- SWITCHYARD_KEY        the demo customer's key ($100 quota)
- SWITCHYARD_OTHER_KEY  a second customer's key (unlimited)
- SWITCHYARD_POOR_KEY   a key with a $0.01 quota
- SWITCHYARD_OPENAI_POOR_KEY, SWITCHYARD_ANTHROPIC_POOR_KEY
                        $0.01 keys that test_openai_sdk.py / test_anthropic_sdk.py spend down
- SWITCHYARD_BILLING_KEY an unlimited key of a user with a $5.00 balance
- SWITCHYARD_ADMIN_KEY  the demo operator's key (`serve --demo` prints it; it also signs in to the web console)
- SWITCHYARD_FUZZ_KEY   an unlimited customer key that test_schemathesis.py / test_boundaries.py spend
"""

from __future__ import annotations

import os
import time
from typing import Callable

import pytest

# The demo emulator moves a generation queued -> dreaming -> completed in about 3 s; the gateway polls it.
GENERATION_TIMEOUT_S = 25.0
POLL_INTERVAL_S = 0.2
FINAL_STATES = ("completed", "failed")


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.exit(f"{name} is not set: run the suite through interop/run.sh", returncode=2)
    return value


@pytest.fixture(scope="session")
def gateway_url() -> str:
    return _env("SWITCHYARD_URL").rstrip("/")


@pytest.fixture(scope="session")
def env_key() -> Callable[[str], str]:
    """Reads one of the keys run.sh exports, by its variable's name (exits the run when it is missing)."""
    return _env


@pytest.fixture(scope="session")
def luma_base_url(gateway_url: str) -> str:
    return gateway_url + "/dream-machine/v1"


@pytest.fixture(scope="session")
def make_luma(luma_base_url: str) -> Callable[[str], "lumaai.LumaAI"]:  # noqa: F821
    import lumaai

    def make(key: str) -> lumaai.LumaAI:
        # max_retries=0: every error surfaces at once instead of after the SDK's back-off.
        return lumaai.LumaAI(auth_token=key, base_url=luma_base_url, max_retries=0, timeout=20.0)

    return make


@pytest.fixture(scope="session")
def luma(make_luma):
    return make_luma(_env("SWITCHYARD_KEY"))


@pytest.fixture(scope="session")
def luma_other(make_luma):
    return make_luma(_env("SWITCHYARD_OTHER_KEY"))


@pytest.fixture(scope="session")
def luma_poor(make_luma):
    return make_luma(_env("SWITCHYARD_POOR_KEY"))


@pytest.fixture(scope="session")
def luma_bad_key(make_luma):
    return make_luma("sk-this-key-does-not-exist-0000000000000000000000")


def wait_for_generation(client, generation_id: str, timeout: float = GENERATION_TIMEOUT_S):
    """Polls `generations.get` until the generation is completed or failed; fails the test after `timeout`."""
    deadline = time.monotonic() + timeout
    generation = client.generations.get(generation_id)
    while generation.state not in FINAL_STATES:
        if time.monotonic() > deadline:
            pytest.fail(f"generation {generation_id} still {generation.state!r} after {timeout:.0f} s")
        time.sleep(POLL_INTERVAL_S)
        generation = client.generations.get(generation_id)
    return generation


def wait_for_all(client, generation_ids, timeout: float = GENERATION_TIMEOUT_S) -> dict:
    """Waits for several generations that run at the same time; returns them by id."""
    deadline = time.monotonic() + timeout
    done: dict = {}
    while True:
        for generation_id in generation_ids:
            if generation_id not in done:
                generation = client.generations.get(generation_id)
                if generation.state in FINAL_STATES:
                    done[generation_id] = generation
        if len(done) == len(generation_ids):
            return done
        if time.monotonic() > deadline:
            pending = [i for i in generation_ids if i not in done]
            pytest.fail(f"generations still live after {timeout:.0f} s: {pending}")
        time.sleep(POLL_INTERVAL_S)


def wait_until_idle(client, timeout: float = GENERATION_TIMEOUT_S) -> None:
    """Waits until none of the customer's listed generations is live, so its balance no longer moves by itself
    (a live generation that ends failed gives its hold back)."""
    deadline = time.monotonic() + timeout
    while True:
        live = [g.id for g in client.generations.list(limit=1000).generations if g.state not in FINAL_STATES]
        if not live:
            return
        if time.monotonic() > deadline:
            pytest.fail(f"generations still live after {timeout:.0f} s: {live}")
        time.sleep(POLL_INTERVAL_S)
