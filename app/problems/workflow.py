"""问题单 workflow: issued → rectifying (measures, person, deadline) → submitted (申请销号, with evidence) →
closed (销号, by someone above) or back to rectifying; a closed problem can be re-checked (回头看) and reopened."""

from app.authz.permissions import Permission as P
from app.core.enums import ProblemStatus as S
from app.tracking.workflow import OWN_ORG, VERIFIER, T, Workflow

PROBLEM = Workflow(
    kind="problem",
    initial=S.open,
    terminal=frozenset({S.closed}),
    transitions=(
        T("rectify", {S.open}, S.rectifying, OWN_ORG(P.problem_report)),
        T("submit", {S.rectifying}, S.submitted, OWN_ORG(P.problem_report)),
        T("close", {S.submitted}, S.closed, VERIFIER(P.problem_verify)),
        T("reject", {S.submitted}, S.rectifying, VERIFIER(P.problem_verify), event="rejected"),
        T("recheck", {S.closed}, S.closed, VERIFIER(P.problem_verify), event="rechecked"),
        T("reopen", {S.closed}, S.rectifying, VERIFIER(P.problem_verify), event="reopened"),
    ),
)
