"""书记项目 workflows.

A project: draft (认领，编写方案) → submitted (申报) → approved | returned (by the organizing side above; a
returned plan is revised and submitted again) → in_progress (实施，一月一调度) → completed (申请验收) →
accepted (评估验收, with a grade); cancelled only before approval.

A campaign: draft (catalog being written) → open (pre-claims made, secretaries claim and run projects) →
closed (no more claims or submissions; running projects go on to acceptance).
"""

from dataclasses import dataclass

from app.authz.permissions import Permission as P
from app.core.enums import CampaignStatus as C
from app.core.enums import ProjectStatus as S
from app.tracking.workflow import OWN_ORG, VERIFIER, T, Workflow

PROJECT = Workflow(
    kind="project",
    initial=S.draft,
    terminal=frozenset({S.accepted, S.cancelled}),
    transitions=(
        T("submit", {S.draft, S.returned}, S.submitted, OWN_ORG(P.project_claim)),
        T("approve", {S.submitted}, S.approved, VERIFIER(P.project_review)),
        T("return", {S.submitted}, S.returned, VERIFIER(P.project_review)),
        T("start", {S.approved}, S.in_progress, OWN_ORG(P.project_claim), event="started"),
        T("complete", {S.in_progress}, S.completed, OWN_ORG(P.project_claim)),
        T("accept", {S.completed}, S.accepted, VERIFIER(P.project_review)),
        T("cancel", {S.draft, S.submitted, S.returned}, S.cancelled, OWN_ORG(P.project_claim)),
    ),
)

# Statuses in which the plan (一项目一方案) may still be written or revised by the project's org.
PLAN_EDITABLE = frozenset({S.draft, S.returned})
# Claims that count toward a secretary's limits: every project not withdrawn.
COUNTED = frozenset(set(S) - {S.cancelled})


@dataclass(frozen=True)
class CampaignTransition:
    action: str
    sources: frozenset[C]
    target: C
    event: str


CAMPAIGN = {
    t.action: t
    for t in (
        CampaignTransition("open", frozenset({C.draft}), C.open, "opened"),
        CampaignTransition("close", frozenset({C.open}), C.closed, "closed"),
    )
}
