"""Case workflow (SPEC §5.1): submitted → verified (实地核查 passed) | rejected → in_review → selected |
not_selected → announced (公示) → published into the library | withdrawn (objection upheld).

Verification is by someone above the case's org (the round's org or an ancestor), never the org itself; the
review, selection, announcement and publication are the round organizer's (the case's issuing side)."""

from app.authz.permissions import Permission as P
from app.core.enums import CaseStatus as S
from app.tracking.workflow import ISSUER, VERIFIER, T, Workflow

CASE = Workflow(
    kind="case",
    initial=S.submitted,
    terminal=frozenset({S.rejected, S.not_selected, S.published, S.withdrawn}),
    transitions=(
        T("verify", {S.submitted}, S.verified, VERIFIER(P.case_verify)),
        T("reject", {S.submitted}, S.rejected, VERIFIER(P.case_verify)),
        T("review", {S.verified}, S.in_review, ISSUER(P.case_round_manage)),
        T("select", {S.in_review}, S.selected, ISSUER(P.case_round_manage)),
        T("not_select", {S.in_review}, S.not_selected, ISSUER(P.case_round_manage)),
        T("announce", {S.selected}, S.announced, ISSUER(P.case_round_manage)),
        T("publish", {S.announced}, S.published, ISSUER(P.case_round_manage)),
        T("withdraw", {S.announced}, S.withdrawn, ISSUER(P.case_round_manage)),
    ),
)
# Actions a client takes on one case (POST /cases/{id}/<action>); the others run for a whole round.
CASE_ACTIONS = ("verify", "reject")
