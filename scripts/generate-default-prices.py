#!/usr/bin/env python3
"""Writes Sources/Switchyard/Families/Kit/DefaultPrices+Providers.swift from litellm's model price list.

Usage:
    pip download --no-deps -d /tmp/litellm litellm
    scripts/generate-default-prices.py /tmp/litellm/litellm-*.whl          # a wheel, or the JSON file itself
    scripts/generate-default-prices.py FILE --date 2026-11-26 --version 1.110.2

Takes every current model the shipped OpenAI and Anthropic families serve: entries whose `litellm_provider` is
openai (or text-completion-openai, litellm's name for OpenAI's completions endpoint) or anthropic, whose mode is one
the gateway relays, that are not fine-tunes (`ft:`), not provider-prefixed (`openai/...`) and not past their
`deprecation_date` on the day taken. Numbers are read as exact decimals from the JSON text (never floats), so
2.5e-06 dollars per token is "2.50" per million.

A chat, responses or completion model also gets its output limit (`maxOutputTokens`, what a call that sets no
`max_tokens` reserves): litellm's `max_output_tokens`. Its legacy `max_tokens` is taken instead only when
`max_output_tokens` is missing and `max_tokens` is below `max_input_tokens`: litellm fills `max_tokens` with the
output limit when the provider states one and with the context window otherwise, so only then is it clearly the
output limit. Without either, the gateway's default (4096) stands in.

The rules the Swift importer (`switchyard price import`, Billing/LiteLLMPriceImport.swift) derives from the same
file are the same; keep the two in step.
"""

import argparse
import datetime
import json
import re
import shutil
import subprocess
import sys
import zipfile
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

PROVIDERS = {"openai": "openai", "text-completion-openai": "openai", "anthropic": "anthropic"}
MODES = {
    "chat", "responses", "completion", "embedding", "image_generation", "audio_speech", "audio_transcription", "moderation",
}
# Modes whose calls may leave their output limit to the model, and the range a rule's limit must lie in.
TEXT_MODES = {"chat", "responses", "completion"}
MAX_OUTPUT_TOKENS = range(1, 10_000_001)
# "hd/1024-x-1792/dall-e-3" or "1024-x-1024/gpt-image-1.5": a per-image price of one quality and size of a model.
VARIANT = re.compile(r"^(?:(?P<quality>[a-z]+)/)?(?P<width>\d+)-x-(?P<height>\d+)/(?P<model>[^/]+)$")
JSON_NAME = "model_prices_and_context_window_backup.json"
OUTPUT = Path(__file__).resolve().parent.parent / "Sources/Switchyard/Families/Kit/DefaultPrices+Providers.swift"


def dollars(value: Decimal, scale: int = 1) -> str:
    """value x scale as dollars with at most six decimals (rounded up: never under the list price), at least two."""
    amount = (value * scale).quantize(Decimal("0.000001"), rounding=ROUND_CEILING)
    text = f"{amount:f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction.ljust(2, '0')}"


def number(entry: dict, *keys: str):
    """The first of `keys` that holds a non-negative number; None when none does."""
    for key in keys:
        value = entry.get(key)
        if isinstance(value, Decimal) and value >= 0:
            return value
    return None


def max_output_tokens(entry: dict):
    """The most output tokens a text model gives in one answer (see the module's docstring); None when unknown."""
    if entry.get("mode") not in TEXT_MODES:
        return None

    def whole(key: str):
        value = entry.get(key)
        if not isinstance(value, Decimal) or not value.is_finite() or value != value.to_integral_value():
            return None
        return int(value) if int(value) in MAX_OUTPUT_TOKENS else None

    if whole("max_output_tokens") is not None:
        return whole("max_output_tokens")
    legacy, window = whole("max_tokens"), whole("max_input_tokens")
    return legacy if legacy is not None and window is not None and legacy < window else None


def rules_from(document: dict, today: str) -> list:
    """The price rules of every current model in `document` (litellm's JSON, parsed with Decimal numbers)."""
    current = {}
    for name, entry in document.items():
        if not isinstance(entry, dict) or entry.get("litellm_provider") not in PROVIDERS or entry.get("mode") not in MODES:
            continue
        if name.startswith("ft:") or "/" in name:
            continue
        deprecation = entry.get("deprecation_date")
        if isinstance(deprecation, str) and deprecation < today:
            continue
        current[name] = entry

    variants = {}
    for name, entry in document.items():
        match = VARIANT.match(name)
        if not isinstance(entry, dict) or not match or match["model"] not in current:
            continue
        price = number(entry, "output_cost_per_image", "input_cost_per_image")
        if price is None:
            continue
        size = f"{match['width']}x{match['height']}"
        key = f"{match['quality']}/{size}" if match["quality"] else size
        variants.setdefault(match["model"], {})[key] = dollars(price)

    rules = []
    for name, entry in current.items():
        family = PROVIDERS[entry["litellm_provider"]]
        if entry["mode"] == "moderation":
            rules.append({"family": family, "model": name, "free": True})
            continue
        per_image = dict(variants.get(name, {}))
        own_image = number(entry, "output_cost_per_image", "input_cost_per_image")
        if own_image is not None and "*" not in per_image:
            per_image["*"] = dollars(own_image)
        output = number(entry, "output_cost_per_token")
        if entry["mode"] == "image_generation":
            # A per-image price covers the image made; without one, the image's output tokens are what is billed.
            output = Decimal(0) if per_image else number(entry, "output_cost_per_image_token", "output_cost_per_token")
        rule = {
            "family": family, "model": name,
            "input": number(entry, "input_cost_per_token"), "output": output,
            "cached": number(entry, "cache_read_input_token_cost"), "cache_write": number(entry, "cache_creation_input_token_cost"),
            "per_image": per_image, "per_character": number(entry, "input_cost_per_character"),
            "per_second": number(entry, "input_cost_per_second"), "max_output_tokens": max_output_tokens(entry),
        }
        priced = [rule[k] for k in ("input", "output", "per_character", "per_second") if rule[k]] + list(per_image.values())
        if not priced:
            # No price in any unit: leave it unpriced (refused) rather than ship it free by omission.
            print(f"skipped {name}: no price", file=sys.stderr)
            continue
        rules.append(rule)
    rules.sort(key=lambda rule: (rule["family"], rule["model"]))
    return rules


def swift_literal(rule: dict) -> str:
    arguments = [f'family: "{rule["family"]}"', f'model: "{rule["model"]}"', 'action: "tokens"']
    if rule.get("free"):
        return "PriceRule(" + ", ".join(arguments + ["free: true"]) + "),"
    arguments.append(f'inputPerMillion: "{dollars(rule["input"] or Decimal(0), 10**6)}"')
    arguments.append(f'outputPerMillion: "{dollars(rule["output"] or Decimal(0), 10**6)}"')
    if rule["cached"] is not None:
        arguments.append(f'cachedInputPerMillion: "{dollars(rule["cached"], 10**6)}"')
    if rule["cache_write"] is not None:
        arguments.append(f'cacheWritePerMillion: "{dollars(rule["cache_write"], 10**6)}"')
    if rule["per_image"]:
        pairs = ", ".join(f'"{key}": "{value}"' for key, value in sorted(rule["per_image"].items()))
        arguments.append(f"perImage: [{pairs}]")
    if rule["per_character"] is not None:
        arguments.append(f'perMillionCharacters: "{dollars(rule["per_character"], 10**6)}"')
    if rule["per_second"] is not None:
        arguments.append(f'perSecond: "{dollars(rule["per_second"])}"')
    if rule["max_output_tokens"] is not None:
        arguments.append(f'maxOutputTokens: {rule["max_output_tokens"]}')
    return "PriceRule(" + ", ".join(arguments) + "),"


def load(path: Path):
    """litellm's JSON (from a wheel or the file itself) with exact decimal numbers, and the wheel's version."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            text = wheel.read(f"litellm/{JSON_NAME}").decode()
        version = path.name.split("-")[1]
    else:
        text, version = path.read_text(), None
    return json.loads(text, parse_float=Decimal, parse_int=Decimal), version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="the litellm wheel, or its model_prices_and_context_window JSON")
    parser.add_argument("--version", help="litellm version (read from the wheel's name when omitted)")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="the day taken (YYYY-MM-DD)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args()
    document, wheel_version = load(arguments.source)
    version = arguments.version or wheel_version or "unknown"
    rules = rules_from(document, arguments.date)
    lines = [
        f"// Generated by scripts/generate-default-prices.py from litellm {version}'s {JSON_NAME},",
        f"// taken {arguments.date}. Do not edit: rerun the script with a newer litellm wheel (see README, \"Prices\").",
        "",
        "extension DefaultPrices {",
        "    /// Where the OpenAI and Anthropic defaults come from, and the day they were taken.",
        f'    public static let providersSource = "litellm {version}, {arguments.date}"',
        "",
        "    /// Every current OpenAI and Anthropic model in litellm's list, in the provider's units: US dollars per million",
        "    /// tokens (input, output, cache read, cache write), per image, per million characters and per second.",
        "    static let providers: [PriceRule] = [",
    ]
    lines += ["        " + swift_literal(rule) for rule in rules]
    lines += ["    ]", "}", ""]
    arguments.output.write_text("\n".join(lines))
    swift = shutil.which("swift")
    if swift:
        subprocess.run([swift, "format", "format", "-i", str(arguments.output)], check=True)
    print(f"wrote {len(rules)} rules to {arguments.output}")


if __name__ == "__main__":
    main()
