from __future__ import annotations

import pytest

from openai_connector.simulator import FaultSpec
from openai_connector.simulator.faults import FaultDice


def test_parse_reads_rates_latency_and_retry_after() -> None:
    spec = FaultSpec.parse("429=0.2, reset=0.1,latency=0.05,retry_after=0,legacy_gone")
    assert spec.rate("429") == 0.2
    assert spec.rate("reset") == 0.1
    assert spec.rate("legacy_gone") == 1.0
    assert spec.rate("5xx") == 0.0
    assert spec.latency == 0.05
    assert spec.retry_after == 0


def test_parse_round_trips_through_str() -> None:
    spec = FaultSpec.parse("5xx=0.3,latency=0.01,retry_after=2")
    assert FaultSpec.parse(str(spec)) == spec


@pytest.mark.parametrize("text", ["", None, " , "])
def test_empty_spec_means_no_faults(text: str | None) -> None:
    assert FaultSpec.parse(text) == FaultSpec()


def test_unknown_kind_is_named() -> None:
    with pytest.raises(ValueError, match="'teapot'"):
        FaultSpec.parse("429=0.1,teapot=0.5")


@pytest.mark.parametrize("text", ["429=1.5", "reset=-0.1", "5xx=often", "retry_after=0.5"])
def test_bad_values_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match=text.split("=")[0]):
        FaultSpec.parse(text)


def test_draws_are_seeded() -> None:
    spec = FaultSpec.parse("5xx=0.5")
    dice_a, dice_b = FaultDice(3, spec), FaultDice(3, spec)
    draws = [dice_a.hits("5xx") for _ in range(50)]
    assert draws == [dice_b.hits("5xx") for _ in range(50)]
    assert 0 < sum(draws) < 50


def test_latency_draws_stay_within_the_maximum() -> None:
    dice = FaultDice(1, FaultSpec.parse("latency=0.05"))
    delays = [dice.latency() for _ in range(200)]
    assert all(0 <= delay <= 0.05 for delay in delays)
    assert max(delays) > 0.025
    assert FaultDice(1, FaultSpec()).latency() == 0


def test_signed_downloads_never_draw_rate_limits() -> None:
    dice = FaultDice(1, FaultSpec.parse("429=1,429_no_retry_after=1"))
    assert dice.pick_transient(rate_limited=False) is None
    assert dice.pick_transient() == "429"


def test_stable_hits_do_not_change_between_calls() -> None:
    dice = FaultDice(1, FaultSpec.parse("expired_files=0.5"))
    keys = [f"file-{n}" for n in range(100)]
    first = [dice.stable_hit("expired_files", key) for key in keys]
    assert first == [dice.stable_hit("expired_files", key) for key in keys]
    assert 20 < sum(first) < 80
