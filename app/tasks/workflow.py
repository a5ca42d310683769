"""任务单 workflows.

Task list:   draft (editable by the issuing side) → issued (fans every task out into one assignment per target org).
Assignment:  assigned → in_progress (the org starts) → submitted (completion report; evidence required for key
             tasks) → accepted (验收) | back to in_progress (returned, reason required). Acceptance and return are
             by the issuing org or an ancestor of the target org, never by the target org itself.
"""

from app.authz.permissions import Permission as P
from app.core.enums import TaskAssignmentStatus as S
from app.tracking.workflow import OWN_ORG, VERIFIER, T, Workflow

TASK_ASSIGNMENT = Workflow(
    kind="task_assignment",
    initial=S.assigned,
    terminal=frozenset({S.accepted}),
    transitions=(
        T("start", {S.assigned}, S.in_progress, OWN_ORG(P.task_report), event="started"),
        T("submit", {S.in_progress}, S.submitted, OWN_ORG(P.task_report)),
        T("accept", {S.submitted}, S.accepted, VERIFIER(P.task_verify)),
        T("return", {S.submitted}, S.in_progress, VERIFIER(P.task_verify), event="returned"),
    ),
)
