"""Offers: each placed weight once, when stable (by marker or by N equal readings)."""

from datetime import datetime

from posyandu_desktop.devices import ScaleReading, StableOffer, Unit

AT = datetime(2026, 11, 13, 9, 45)


def reading(kg: float, stable: bool = False) -> ScaleReading:
    return ScaleReading(kg, Unit.KG, stable, "baby", AT)


def offered(offers: StableOffer, stream: list[ScaleReading]) -> list[float]:
    return [r.value for r in map(offers.feed, stream) if r is not None]


def test_marker_offers_the_first_stable_reading_once() -> None:
    offers = StableOffer(equal_needed=None)
    stream = [reading(0, True), reading(10.2), reading(9.4), reading(9.6, True), reading(9.6, True)]
    assert offered(offers, stream) == [9.6]


def test_offered_readings_are_marked_stable() -> None:
    offers = StableOffer(equal_needed=3)
    results = [offers.feed(reading(9.6)) for _ in range(3)]
    assert results[:2] == [None, None]
    assert results[2] == reading(9.6, True)


def test_equal_readings_count_only_in_a_row() -> None:
    offers = StableOffer(equal_needed=3)
    stream = [reading(v) for v in (9.6, 9.6, 9.7, 9.6, 9.6, 9.65, 9.6, 9.6, 9.6)]
    assert offered(offers, stream) == [9.6]


def test_a_child_who_moves_and_settles_again_is_not_offered_twice() -> None:
    offers = StableOffer(equal_needed=None)
    stream = [reading(9.6, True), reading(9.9), reading(9.6, True)]
    assert offered(offers, stream) == [9.6]


def test_a_new_stable_value_is_offered() -> None:
    offers = StableOffer(equal_needed=None)
    stream = [reading(9.6, True), reading(9.9), reading(9.62, True)]
    assert offered(offers, stream) == [9.6, 9.62]


def test_after_the_scale_is_emptied_the_same_weight_is_a_new_weighing() -> None:
    offers = StableOffer(equal_needed=2)
    stream = [reading(v) for v in (9.6, 9.6, 9.6, 0, 0, 9.6, 9.6)]
    assert offered(offers, stream) == [9.6, 9.6]


def test_zero_is_never_offered() -> None:
    offers = StableOffer(equal_needed=None)
    assert offered(offers, [reading(0, True)] * 5) == []
