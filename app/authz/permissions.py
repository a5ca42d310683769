"""What each role may do (SPEC §1). A permission is always exercised on an org subtree: the scope of the role
assignment that grants it. The permissions themselves, with their labels, are in app/core/enums/permissions.py.
"""

from app.core.enums import Permission as P
from app.core.enums import Role

Permission = P

# Reading everything in a subtree (leadership, organizers, the governance platform).
READ_ALL = frozenset(
    {
        P.org_read,
        P.user_read,
        P.attachment_read,
        P.responsibility_read,
        P.task_read,
        P.problem_read,
        P.bulletin_read,
        P.contact_point_read,
        P.project_read,
        P.case_read,
        P.scoring_read,
        P.stats_read,
    }
)
# Reporting on one's own org's items: progress, evidence, monthly scheduling (一月一调度).
REPORT = frozenset(
    {
        P.org_read,
        P.attachment_upload,
        P.attachment_read,
        P.responsibility_read,
        P.responsibility_report,
        P.task_read,
        P.task_report,
        P.problem_read,
        P.problem_report,
        P.project_read,
        P.project_report,
        P.case_read,
        P.bulletin_read,
        P.contact_point_read,
        P.notification_read,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[P]] = {
    Role.admin: frozenset(P),
    Role.organizer: READ_ALL
    | {
        P.audit_read,
        P.event_read,
        P.attachment_upload,
        P.notification_read,
        P.responsibility_issue,
        P.task_issue,
        P.task_verify,
        P.problem_issue,
        P.problem_verify,
        P.bulletin_write,
        P.contact_point_manage,
        P.campaign_manage,
        P.project_review,
        P.case_round_manage,
        P.case_verify,
        P.scoring_manage,
    },
    # 第一责任人: signs the org's letter, runs projects, answers its own tasks and problems, verifies the orgs
    # below it, records contact-point visits.
    Role.secretary: READ_ALL
    | REPORT
    | {
        P.responsibility_issue,
        P.responsibility_sign,
        P.task_issue,
        P.task_verify,
        P.problem_issue,
        P.problem_verify,
        P.visit_record,
        P.project_claim,
        P.case_submit,
        P.case_feedback,
    },
    # 一岗双责: their own responsibility items; tasks and problems assigned to them.
    Role.deputy: REPORT,
    Role.member: REPORT,
    # 党务工作者: data entry for the own org.
    Role.worker: REPORT | {P.case_submit, P.case_feedback},
    # Judges score what is assigned to them and see nothing else.
    Role.judge: frozenset({P.score_submit, P.attachment_read, P.notification_read}),
    Role.viewer: READ_ALL | {P.notification_read},
    Role.integration: READ_ALL | {P.event_read},
}
