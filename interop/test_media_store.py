"""The media store on an S3-compatible bucket (moto's server, started by run.sh): a finished generation's file is
kept as an object of the bucket, and the gateway's URL serves its bytes, whole and by range."""

from __future__ import annotations

import os

import boto3
import httpx

from conftest import wait_for_generation


def bucket():
    return boto3.client(
        "s3",
        endpoint_url=os.environ["SWITCHYARD_S3_ENDPOINT"],
        aws_access_key_id="interop",
        aws_secret_access_key="interop-secret",
        region_name="us-east-1",
    )


def test_a_finished_image_is_an_object_of_the_bucket_served_by_the_gateway(luma, gateway_url):
    created = luma.generations.image.create(prompt="A lighthouse kept in a bucket", model="photon-flash-1")
    generation = wait_for_generation(luma, created.id)
    assert generation.state == "completed", f"failure_reason={generation.failure_reason!r}"
    url = generation.assets.image
    assert url.startswith(gateway_url + "/media/"), url
    media_id = url.rsplit("/", 1)[1].split(".", 1)[0]

    stored = bucket().get_object(Bucket=os.environ["SWITCHYARD_S3_BUCKET"], Key=f"media/{media_id}")["Body"].read()
    whole = httpx.get(url, timeout=10.0)
    assert whole.status_code == 200
    assert whole.headers["content-type"] == "image/jpeg"
    assert whole.content == stored and len(stored) > 100

    part = httpx.get(url, headers={"Range": "bytes=10-19"}, timeout=10.0)
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 10-19/{len(stored)}"
    assert part.content == stored[10:20]

    # The object keeps the file's type, which the gateway answers with.
    head = bucket().head_object(Bucket=os.environ["SWITCHYARD_S3_BUCKET"], Key=f"media/{media_id}")
    assert head["ContentType"] == "image/jpeg"
