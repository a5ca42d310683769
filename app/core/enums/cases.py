"""案例制 and the scoring engine: sessions, subjects, classification, cases, objections."""

from enum import StrEnum


class ScoringStatus(StrEnum):
    draft = "draft"
    open = "open"
    closed = "closed"
    published = "published"


class ScoringSubjectType(StrEnum):
    case = "case"
    org = "org"
    project = "project"


class ScoringPurpose(StrEnum):
    case_review = "case_review"
    observation = "observation"
    project_evaluation = "project_evaluation"
    report_evaluation = "report_evaluation"
    other = "other"


class ClassificationMode(StrEnum):
    shares = "shares"
    thresholds = "thresholds"


class Classification(StrEnum):
    advanced = "advanced"
    qualified = "qualified"
    lagging = "lagging"


class ConflictKind(StrEnum):
    same_org = "same_org"
    subject_above = "subject_above"
    subject_below = "subject_below"
    declared = "declared"


class CaseChannel(StrEnum):
    open_call = "open_call"
    invitation = "invitation"
    recommendation = "recommendation"


class CaseStatus(StrEnum):
    submitted = "submitted"
    verified = "verified"
    rejected = "rejected"
    in_review = "in_review"
    selected = "selected"
    not_selected = "not_selected"
    announced = "announced"
    published = "published"
    withdrawn = "withdrawn"


class RoundPhase(StrEnum):
    upcoming = "upcoming"
    collecting = "collecting"
    closed = "closed"


class ObjectionStatus(StrEnum):
    pending = "pending"
    upheld = "upheld"
    dismissed = "dismissed"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    ScoringStatus: {"draft": "草稿", "open": "评分中", "closed": "评分截止", "published": "结果已公布"},
    ScoringSubjectType: {"case": "案例", "org": "党组织", "project": "书记项目"},
    ScoringPurpose: {
        "case_review": "案例评审",
        "observation": "逐社观摩",
        "project_evaluation": "项目评估",
        "report_evaluation": "述职评议",
        "other": "其他评分",
    },
    ClassificationMode: {"shares": "按比例", "thresholds": "按分数线"},
    Classification: {"advanced": "先进", "qualified": "达标", "lagging": "后进"},
    ConflictKind: {
        "same_org": "同一组织",
        "subject_above": "评分对象为本人所在组织的上级",
        "subject_below": "评分对象为本人所在组织的下级",
        "declared": "本人申报回避",
    },
    CaseChannel: {"open_call": "公开征集", "invitation": "定向邀约", "recommendation": "部门推荐"},
    CaseStatus: {
        "submitted": "已报送",
        "verified": "核查通过",
        "rejected": "核查未通过",
        "in_review": "评审中",
        "selected": "入选",
        "not_selected": "未入选",
        "announced": "公示中",
        "published": "已入库",
        "withdrawn": "已撤销",
    },
    RoundPhase: {"upcoming": "未开始", "collecting": "征集中", "closed": "征集结束"},
    ObjectionStatus: {"pending": "待处理", "upheld": "异议成立", "dismissed": "异议不成立"},
}
