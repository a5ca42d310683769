"""The arithmetic of every scoring session, without a database: the service feeds it rows, tests feed it numbers.

Rules (SPEC §5.2), in the order they apply:

1. Optional per-scorer normalization (z-score), per criterion: a scorer's points on a criterion are moved onto
   the panel's scale, x' = μ + σ·(x − μₛ)/σₛ, where μ, σ are the mean and population standard deviation of every
   score on that criterion and μₛ, σₛ those of this scorer. A scorer whose points on the criterion do not vary
   (σₛ = 0, e.g. a single score) has z = 0. Results are clamped to 0..max. Lenient and harsh judges then weigh
   alike.
2. Per subject and criterion, the trimmed mean: with 5 or more scores drop one highest and one lowest (one score
   each, whoever gave it) and average the rest; with fewer, the plain mean.
3. The total is the weighted sum Σ weightᵢ × meanᵢ, computed with full precision and shown with 2 decimals,
   rounded half-up (ROUND_HALF_UP: 85.335 → 85.34). Means are shown the same way. A subject is ranked only when
   every criterion has at least one score.
4. Competition ranking (1, 2, 2, 4) on the displayed total; equal totals are ordered by the displayed mean of
   the first criterion, and subjects equal on both share a rank. Comparing displayed values means that what
   people read is exactly what was ranked.
5. Classification (先进 / 达标 / 后进), either by thresholds on the displayed total, or by shares of the ranked
   subjects: the top ⌊n × top_share⌋ places are 先进, the bottom ⌊n × bottom_share⌋ places 后进. A subject is
   先进 when its rank is within the top places and 后进 when its rank is below n − bottom places, so subjects tied
   on a boundary are all given the better class.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from app.core.enums import Classification

CENT = Decimal("0.01")
ZERO = Decimal(0)
TRIM_FROM = 5


def shown(value: Decimal) -> Decimal:
    """The displayed value: 2 decimals, half-up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Criterion:
    name: str
    max_points: Decimal
    weight: Decimal


@dataclass(frozen=True)
class Mark:
    scorer_id: int
    subject_id: int
    criterion: str
    points: Decimal


@dataclass(frozen=True)
class Entry:
    """One score on a calculation sheet: as given, as used, and whether the trimming dropped it."""

    scorer_id: int
    points: Decimal
    used: Decimal
    dropped: str | None = None  # "high" / "low"


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    entries: tuple[Entry, ...]
    mean: Decimal | None  # full precision

    @property
    def weighted(self) -> Decimal | None:
        return None if self.mean is None else self.mean * self.criterion.weight


@dataclass
class SubjectResult:
    subject_id: int
    criteria: list[CriterionResult]
    total: Decimal | None  # full precision; None until every criterion has a score
    rank: int | None = None
    classification: Classification | None = None

    @property
    def shown_total(self) -> Decimal | None:
        return None if self.total is None else shown(self.total)

    @property
    def first_mean(self) -> Decimal | None:
        return self.criteria[0].mean if self.criteria else None

    @property
    def score_count(self) -> int:
        return sum(len(c.entries) for c in self.criteria)


@dataclass(frozen=True)
class ScorerSpread:
    """How a scorer's per-subject sums (raw points × weight, complete subjects only) spread."""

    scorer_id: int
    scores: int
    subjects: int
    mean: Decimal | None
    stdev: Decimal | None
    low: Decimal | None
    high: Decimal | None


@dataclass
class Outcome:
    subjects: list[SubjectResult]  # in ranking order; unranked subjects last, by id
    spreads: list[ScorerSpread] = field(default_factory=list)

    def by_subject(self) -> dict[int, SubjectResult]:
        return {s.subject_id: s for s in self.subjects}


# The pieces -------------------------------------------------------------------------------------------------


def mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, ZERO) / len(values)


def pstdev(values: Sequence[Decimal]) -> Decimal:
    mu = mean(values)
    return (sum(((v - mu) ** 2 for v in values), ZERO) / len(values)).sqrt()


def trimmed_mean(values: Sequence[Decimal]) -> Decimal | None:
    """Drop one highest and one lowest score when there are 5 or more; None without scores."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) >= TRIM_FROM:
        ordered = ordered[1:-1]
    return mean(ordered)


def weighted_total(means: Sequence[Decimal | None], weights: Sequence[Decimal]) -> Decimal | None:
    if any(m is None for m in means):
        return None
    return sum((m * w for m, w in zip(means, weights, strict=True) if m is not None), ZERO)


def normalize(marks: Sequence[Mark], rubric: Sequence[Criterion]) -> dict[Mark, Decimal]:
    """Per-scorer z-score normalization, per criterion (rule 1 above)."""
    result: dict[Mark, Decimal] = {}
    for criterion in rubric:
        on = [m for m in marks if m.criterion == criterion.name]
        if not on:
            continue
        pool = [m.points for m in on]
        mu, sigma = mean(pool), pstdev(pool)
        by_scorer: dict[int, list[Mark]] = defaultdict(list)
        for m in on:
            by_scorer[m.scorer_id].append(m)
        for own in by_scorer.values():
            points = [m.points for m in own]
            mu_s, sigma_s = mean(points), pstdev(points)
            for m in own:
                z = (m.points - mu_s) / sigma_s if sigma_s > 0 else ZERO
                result[m] = min(max(mu + sigma * z, ZERO), criterion.max_points)
    return result


def _dropped(entries: Sequence[tuple[int, Decimal]]) -> dict[int, str]:
    """Which scorers' scores the trimming drops: one lowest and one highest, the earlier scorer on ties."""
    if len(entries) < TRIM_FROM:
        return {}
    low = min(entries, key=lambda e: (e[1], e[0]))
    high = max((e for e in entries if e is not low), key=lambda e: (e[1], -e[0]))
    return {low[0]: "low", high[0]: "high"}


def competition_ranks(results: Sequence[SubjectResult]) -> dict[int, int]:
    """1, 2, 2, 4 on (displayed total, displayed first-criterion mean), both descending."""

    def key(r: SubjectResult) -> tuple[Decimal, Decimal]:
        first = r.first_mean
        return (shown(r.total or ZERO), shown(first) if first is not None else ZERO)

    ranked = sorted((r for r in results if r.total is not None), key=lambda r: (_neg(key(r)), r.subject_id))
    ranks: dict[int, int] = {}
    previous: tuple[Decimal, Decimal] | None = None
    for position, result in enumerate(ranked, start=1):
        current = key(result)
        ranks[result.subject_id] = ranks[ranked[position - 2].subject_id] if current == previous else position
        previous = current
    return ranks


def _neg(key: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    return (-key[0], -key[1])


def classify_by_shares(
    ranks: Mapping[int, int], top_share: Decimal, bottom_share: Decimal
) -> dict[int, Classification]:
    n = len(ranks)
    top = int((n * top_share).to_integral_value(rounding=ROUND_FLOOR))
    bottom = int((n * bottom_share).to_integral_value(rounding=ROUND_FLOOR))
    result = {}
    for subject_id, rank in ranks.items():
        if rank <= top:
            result[subject_id] = Classification.advanced
        elif rank > n - bottom:
            result[subject_id] = Classification.lagging
        else:
            result[subject_id] = Classification.qualified
    return result


def classify_by_thresholds(
    totals: Mapping[int, Decimal], advanced_min: Decimal, lagging_below: Decimal
) -> dict[int, Classification]:
    result = {}
    for subject_id, total in totals.items():
        value = shown(total)
        if value >= advanced_min:
            result[subject_id] = Classification.advanced
        elif value < lagging_below:
            result[subject_id] = Classification.lagging
        else:
            result[subject_id] = Classification.qualified
    return result


@dataclass(frozen=True)
class Classifier:
    """A session's classification setting: by shares of the ranking or by thresholds on the total."""

    mode: str  # ClassificationMode value
    top_share: Decimal = ZERO
    bottom_share: Decimal = ZERO
    advanced_min: Decimal = ZERO
    lagging_below: Decimal = ZERO


# The whole computation --------------------------------------------------------------------------------------


def compute(
    rubric: Sequence[Criterion],
    subject_ids: Iterable[int],
    marks: Sequence[Mark],
    *,
    normalized: bool = False,
    classifier: Classifier | None = None,
) -> Outcome:
    """Aggregate a session. `marks` must already exclude conflicted scorers and unknown criteria."""
    used = normalize(marks, rubric) if normalized else {m: m.points for m in marks}
    by_cell: dict[tuple[int, str], list[Mark]] = defaultdict(list)
    for m in sorted(marks, key=lambda m: m.scorer_id):
        by_cell[(m.subject_id, m.criterion)].append(m)
    results = []
    for subject_id in subject_ids:
        criteria = []
        for criterion in rubric:
            cell = by_cell.get((subject_id, criterion.name), [])
            values = [(m.scorer_id, used[m]) for m in cell]
            dropped = _dropped(values)
            entries = tuple(Entry(m.scorer_id, m.points, used[m], dropped.get(m.scorer_id)) for m in cell)
            criteria.append(CriterionResult(criterion, entries, trimmed_mean([v for _, v in values])))
        total = weighted_total([c.mean for c in criteria], [c.weight for c in rubric])
        results.append(SubjectResult(subject_id, criteria, total))
    ranks = competition_ranks(results)
    for r in results:
        r.rank = ranks.get(r.subject_id)
    if classifier is not None:
        _classify(results, ranks, classifier)
    results.sort(key=lambda r: (r.rank is None, r.rank or 0, r.subject_id))
    return Outcome(results, spreads(rubric, marks))


def _classify(results: Sequence[SubjectResult], ranks: Mapping[int, int], classifier: Classifier) -> None:
    if classifier.mode == "shares":
        classes = classify_by_shares(ranks, classifier.top_share, classifier.bottom_share)
    else:
        totals = {r.subject_id: r.total for r in results if r.total is not None}
        classes = classify_by_thresholds(totals, classifier.advanced_min, classifier.lagging_below)
    for r in results:
        r.classification = classes.get(r.subject_id)


def spreads(rubric: Sequence[Criterion], marks: Sequence[Mark]) -> list[ScorerSpread]:
    weights = {c.name: c.weight for c in rubric}
    by_scorer: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for m in marks:
        by_scorer[m.scorer_id][m.subject_id][m.criterion] = m.points
    result = []
    for scorer_id in sorted(by_scorer):
        subjects = by_scorer[scorer_id]
        sums = [
            sum((p * weights[c] for c, p in cells.items()), ZERO)
            for cells in subjects.values()
            if set(cells) >= set(weights)
        ]
        count = sum(len(cells) for cells in subjects.values())
        result.append(
            ScorerSpread(
                scorer_id,
                count,
                len(sums),
                mean(sums) if sums else None,
                pstdev(sums) if sums else None,
                min(sums) if sums else None,
                max(sums) if sums else None,
            )
        )
    return result
