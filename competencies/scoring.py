"""Scoring rules of the MOVISIE list (seed 000, chapter 3), for any framework's shape.

- A competency's score is the mean of its statements, reported only when all are answered.
- A competency is a *strength* ("sterk") when most of its answers are high answers
  (*meestal waar* / *zeer waar*): more than half of its statements.
- Every statement answered with a low answer (*niet waar* / *beetje waar*) is a learning point,
  also in a list that is not finished yet.
"""

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass
class CompetencyResult:
    competency: object
    statements: int
    answered: int
    total: int
    learning_points: list = field(default_factory=list)
    high: int = 0

    @property
    def complete(self) -> bool:
        return self.answered == self.statements and self.statements > 0

    @property
    def score(self) -> float | None:
        return float(Fraction(self.total, self.statements)) if self.complete else None

    @property
    def is_strength(self) -> bool:
        return self.complete and self.high * 2 > self.statements


@dataclass
class Scorecard:
    competencies: list[CompetencyResult]

    @property
    def complete(self) -> bool:
        return all(r.complete for r in self.competencies)

    @property
    def strengths(self) -> list:
        return [r.competency for r in self.competencies if r.is_strength]

    @property
    def learning_points(self) -> list:
        return [s for r in self.competencies for s in r.learning_points]

    def by_competency_id(self) -> dict:
        return {r.competency.pk: r for r in self.competencies}

    @property
    def overall(self) -> float | None:
        if not self.complete:
            return None
        statements = sum(r.statements for r in self.competencies)
        return float(Fraction(sum(r.total for r in self.competencies), statements))


def score(*, competencies, high_values: set[int], answers: dict[int, int]) -> Scorecard:
    """``competencies`` with prefetched ``statements``; ``answers`` maps statement id → value."""
    results = []
    for competency in competencies:
        statements = list(competency.statements.all())
        result = CompetencyResult(
            competency=competency, statements=len(statements), answered=0, total=0
        )
        for statement in statements:
            value = answers.get(statement.pk)
            if value is None:
                continue
            result.answered += 1
            result.total += value
            if value in high_values:
                result.high += 1
            else:
                result.learning_points.append(statement)
        results.append(result)
    return Scorecard(competencies=results)
