"""The arithmetic, with numbers worked out by hand (no database)."""

from decimal import Decimal as D

from app.core.enums import Classification as C
from app.scoring.aggregate import (
    Classifier,
    Criterion,
    CriterionResult,
    Mark,
    SubjectResult,
    classify_by_shares,
    classify_by_thresholds,
    competition_ranks,
    compute,
    shown,
    trimmed_mean,
    weighted_total,
)


def ds(*values: float | str) -> list[D]:
    return [D(str(v)) for v in values]


def test_four_scores_are_averaged_as_they_are():
    assert trimmed_mean(ds(80, 90, 70, 100)) == D(85)  # (80 + 90 + 70 + 100) / 4


def test_five_scores_drop_the_highest_and_the_lowest():
    assert trimmed_mean(ds(62, 75, 80, 88, 99)) == D(81)  # (75 + 80 + 88) / 3


def test_seven_scores_drop_one_highest_and_one_lowest_only():
    assert trimmed_mean(ds(70, 85, 85, 90, 91, 95, 60)) == D("84.2")  # (70 + 85 + 85 + 90 + 91) / 5
    # two judges gave the top mark and two the bottom one: one of each is dropped, the others count
    assert trimmed_mean(ds(90, 90, 60, 60, 75, 80, 85)) == D(78)  # (60 + 75 + 80 + 85 + 90) / 5


def test_no_scores_no_mean():
    assert trimmed_mean([]) is None


def test_displayed_values_are_rounded_half_up_to_two_decimals():
    assert shown(trimmed_mean(ds(80, 81, 81)) or D(0)) == D("80.67")  # 242 / 3 = 80.666…
    assert shown(trimmed_mean(ds("2.34", "2.35")) or D(0)) == D("2.35")  # 2.345: half-up, not half-even (2.34)


def test_weighted_total():
    assert weighted_total(ds(30, 50), ds("1.5", "0.5")) == D(70)  # 1.5 × 30 + 0.5 × 50
    assert weighted_total([D(30), None], ds(1, 1)) is None  # a criterion without any score: no total yet


RUBRIC = [Criterion("党建基础", D(40), D("1.5")), Criterion("创新成效", D(60), D("0.5"))]


def test_a_subject_scored_by_seven_judges():
    base = ds(31, 32, 33, 34, 35, 36, 37)
    innovation = ds(50, 55, 40, 60, 45, 50, 52)
    marks = [Mark(j, 1, "党建基础", p) for j, p in enumerate(base, start=1)]
    marks += [Mark(j, 1, "创新成效", p) for j, p in enumerate(innovation, start=1)]
    result = compute(RUBRIC, [1], marks).subjects[0]
    first, second = result.criteria
    assert first.mean == D(34)  # drop 31 (judge 1) and 37 (judge 7): (32 + … + 36) / 5
    assert {e.scorer_id: e.dropped for e in first.entries if e.dropped} == {1: "low", 7: "high"}
    assert second.mean == D("50.4")  # drop 40 (judge 3) and 60 (judge 4): (45 + 50 + 50 + 52 + 55) / 5
    assert {e.scorer_id: e.dropped for e in second.entries if e.dropped} == {3: "low", 4: "high"}
    assert result.total == D("76.2")  # 1.5 × 34 + 0.5 × 50.4 = 51 + 25.2
    assert result.rank == 1 and result.score_count == 14


def test_equal_extremes_drop_two_different_scores():
    marks = [Mark(j, 1, "党建基础", D(30)) for j in range(1, 6)] + [Mark(1, 1, "创新成效", D(50))]
    first = compute(RUBRIC, [1], marks).subjects[0].criteria[0]
    assert [e.dropped for e in first.entries] == ["low", "high", None, None, None] and first.mean == D(30)


def test_z_score_normalization_puts_a_harsh_and_a_lenient_judge_on_one_scale():
    # Judge 1 gives 60, 70, 80; judge 2 gives 80, 85, 90 to the same three subjects.
    # Pool: mean 77.5, population variance 587.5 / 6, so σ = 9.8953. Each judge's z-scores are −√1.5, 0, +√1.5,
    # so every normalized score is 77.5 ± √1.5 × 9.8953 = 77.5 ± 12.1192: 65.38, 77.50, 89.62 for both judges.
    rubric = [Criterion("综合", D(100), D(1))]
    raw = {1: ds(60, 70, 80), 2: ds(80, 85, 90)}
    marks = [Mark(j, s, "综合", p) for j, points in raw.items() for s, p in zip((1, 2, 3), points, strict=True)]
    plain = compute(rubric, [1, 2, 3], marks).by_subject()
    assert [shown(plain[s].total or D(0)) for s in (1, 2, 3)] == ds(70, "77.5", 85)
    normalized = compute(rubric, [1, 2, 3], marks, normalized=True).by_subject()
    assert [shown(normalized[s].total or D(0)) for s in (1, 2, 3)] == ds("65.38", "77.50", "89.62")
    entry = normalized[1].criteria[0].entries[0]
    assert entry.points == D(60) and shown(entry.used) == D("65.38")  # the sheet shows both


def test_normalized_scores_stay_within_the_criterion_maximum():
    rubric = [Criterion("综合", D(100), D(1))]
    # pool 0, 100, 90, 100: mean 72.5, σ = 42.06; judge 2's 100 has z = +1 → 114.56, clamped to 100
    marks = [
        Mark(1, 1, "综合", D(0)),
        Mark(1, 2, "综合", D(100)),
        Mark(2, 1, "综合", D(90)),
        Mark(2, 2, "综合", D(100)),
    ]
    used = {(e.scorer_id, r.subject_id): e.used for r in compute(rubric, [1, 2], marks, normalized=True).subjects
            for e in r.criteria[0].entries}  # fmt: skip
    assert used[(2, 2)] == D(100)
    assert shown(used[(2, 1)]) == D("30.44")  # 72.5 − 42.06


def _result(subject_id: int, total: str | None, first: str) -> SubjectResult:
    criterion = CriterionResult(RUBRIC[0], (), D(first))
    return SubjectResult(subject_id, [criterion], D(total) if total is not None else None)


def test_competition_ranking_with_the_first_criterion_as_tie_break():
    results = [
        _result(1, "90", "40"),
        _result(2, "85", "42"),
        _result(3, "85", "42"),
        _result(4, "85", "40"),  # same total as 2 and 3, lower first criterion: after them
        _result(5, "80", "45"),
        _result(6, None, "45"),  # not completely scored: not ranked
    ]
    assert competition_ranks(results) == {1: 1, 2: 2, 3: 2, 4: 4, 5: 5}


def test_ranking_compares_displayed_values():
    # 85.004 and 85.0 are both shown as 85.00 with the same first criterion: a tie, as readers see it
    assert competition_ranks([_result(1, "85.004", "42"), _result(2, "85", "42.001")]) == {1: 1, 2: 1}


def test_classification_by_shares_of_the_ranking():
    ten = {s: s for s in range(1, 11)}  # subject s ranked s
    classes = classify_by_shares(ten, D("0.2"), D("0.1"))
    assert [classes[s] for s in range(1, 11)] == [C.advanced] * 2 + [C.qualified] * 7 + [C.lagging]
    nine = classify_by_shares({s: s for s in range(1, 10)}, D("0.2"), D("0.1"))
    # ⌊9 × 0.2⌋ = 1 先进, ⌊9 × 0.1⌋ = 0 后进
    assert [nine[s] for s in range(1, 10)] == [C.advanced] + [C.qualified] * 8


def test_ties_on_a_class_boundary_get_the_better_class():
    ranks = {1: 1, 2: 2, 3: 2, 4: 4, 5: 5}
    assert classify_by_shares(ranks, D("0.2"), D("0.2")) == {
        1: C.advanced, 2: C.qualified, 3: C.qualified, 4: C.qualified, 5: C.lagging
    }  # fmt: skip
    assert classify_by_shares(ranks, D("0.4"), D(0))[3] == C.advanced  # 2 places, and the tie on 2nd shares it
    tied_last = classify_by_shares({1: 1, 2: 2, 3: 3, 4: 4, 5: 4}, D(0), D("0.2"))
    assert C.lagging not in tied_last.values()


def test_classification_by_thresholds_on_the_displayed_total():
    totals = {1: D(90), 2: D("89.995"), 3: D(75), 4: D("59.99")}
    assert classify_by_thresholds(totals, D(90), D(60)) == {1: C.advanced, 2: C.advanced, 3: C.qualified, 4: C.lagging}


def test_compute_orders_ranks_and_classifies():
    rubric = [Criterion("综合", D(100), D(1))]
    points = {1: 70, 2: 90, 3: 80, 4: 90, 5: 60}
    marks = [Mark(9, s, "综合", D(p)) for s, p in points.items()]
    outcome = compute(rubric, [1, 2, 3, 4, 5, 6], marks, classifier=Classifier("shares", D("0.4"), D("0.2")))
    assert [(r.subject_id, r.rank, r.classification) for r in outcome.subjects] == [
        (2, 1, C.advanced),
        (4, 1, C.advanced),
        (3, 3, C.qualified),
        (1, 4, C.qualified),
        (5, 5, C.lagging),
        (6, None, None),
    ]


def test_scorer_spreads_cover_completely_scored_subjects():
    marks = [
        Mark(1, 1, "党建基础", D(30)),
        Mark(1, 1, "创新成效", D(40)),  # 1.5 × 30 + 0.5 × 40 = 65
        Mark(1, 2, "党建基础", D(40)),
        Mark(1, 2, "创新成效", D(50)),  # 60 + 25 = 85
        Mark(1, 3, "党建基础", D(20)),  # incomplete: not in the spread
    ]
    spread = compute(RUBRIC, [1, 2, 3], marks).spreads[0]
    assert (spread.scores, spread.subjects, spread.mean, spread.stdev, spread.low, spread.high) == (
        5, 2, D(75), D(10), D(65), D(85)
    )  # fmt: skip
