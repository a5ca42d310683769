"""Permissions, one block per domain. Which roles hold them is decided in app/authz/permissions.py."""

from enum import StrEnum


class Permission(StrEnum):
    # Every authenticated, active user holds this one regardless of assignments: their own account only.
    account_self = "account_self"
    # Backbone
    org_read = "org_read"
    org_write = "org_write"
    user_read = "user_read"
    user_write = "user_write"
    role_assign = "role_assign"
    personal_data_read = "personal_data_read"
    audit_read = "audit_read"
    event_read = "event_read"
    attachment_upload = "attachment_upload"
    attachment_read = "attachment_read"
    # 责任单
    responsibility_read = "responsibility_read"
    responsibility_issue = "responsibility_issue"
    responsibility_sign = "responsibility_sign"
    responsibility_report = "responsibility_report"
    # 任务单
    task_read = "task_read"
    task_issue = "task_issue"
    task_report = "task_report"
    task_verify = "task_verify"
    # 问题单, inspections, bulletins, contact points
    problem_read = "problem_read"
    problem_issue = "problem_issue"
    problem_report = "problem_report"
    problem_verify = "problem_verify"
    bulletin_read = "bulletin_read"
    bulletin_write = "bulletin_write"
    contact_point_read = "contact_point_read"
    contact_point_manage = "contact_point_manage"
    visit_record = "visit_record"
    # 书记项目
    project_read = "project_read"
    campaign_manage = "campaign_manage"
    project_claim = "project_claim"
    project_report = "project_report"
    project_review = "project_review"
    # 案例制 and scoring
    case_read = "case_read"
    case_round_manage = "case_round_manage"
    case_submit = "case_submit"
    case_verify = "case_verify"
    case_feedback = "case_feedback"
    scoring_read = "scoring_read"
    scoring_manage = "scoring_manage"
    score_submit = "score_submit"
    # Operations and integration
    notification_read = "notification_read"
    stats_read = "stats_read"
    webhook_manage = "webhook_manage"
    service_account_manage = "service_account_manage"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    Permission: {
        "account_self": "本人账号",
        "org_read": "查看组织",
        "org_write": "维护组织",
        "user_read": "查看用户",
        "user_write": "维护用户",
        "role_assign": "分配角色",
        "personal_data_read": "查看个人敏感信息",
        "audit_read": "查看操作审计",
        "event_read": "读取事件流",
        "attachment_upload": "上传附件",
        "attachment_read": "查看附件",
        "responsibility_read": "查看责任单",
        "responsibility_issue": "下达责任书",
        "responsibility_sign": "签订责任书",
        "responsibility_report": "报告责任完成情况",
        "task_read": "查看任务单",
        "task_issue": "下发任务清单",
        "task_report": "报送任务完成情况",
        "task_verify": "验收任务",
        "problem_read": "查看问题单",
        "problem_issue": "下发问题",
        "problem_report": "整改与进展上报",
        "problem_verify": "销号审核",
        "bulletin_read": "查看问题通报",
        "bulletin_write": "编发问题通报",
        "contact_point_read": "查看书记联系点",
        "contact_point_manage": "维护书记联系点",
        "visit_record": "记录联系点走访",
        "project_read": "查看书记项目",
        "campaign_manage": "管理项目申报活动",
        "project_claim": "认领与申报项目",
        "project_report": "项目月度调度上报",
        "project_review": "审核与验收项目",
        "case_read": "查看案例",
        "case_round_manage": "管理案例征集",
        "case_submit": "报送案例",
        "case_verify": "核查案例",
        "case_feedback": "案例学习反馈",
        "scoring_read": "查看评分结果",
        "scoring_manage": "组织评审打分",
        "score_submit": "评审打分",
        "notification_read": "查看消息提醒",
        "stats_read": "查看统计分析",
        "webhook_manage": "管理数据推送",
        "service_account_manage": "管理接口账号",
    }
}
