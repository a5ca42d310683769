"""Orgs, roles."""

from enum import StrEnum


class OrgKind(StrEnum):
    party_committee = "party_committee"
    working_committee = "working_committee"
    general_branch = "general_branch"
    branch = "branch"
    group = "group"


class OrgLevel(StrEnum):
    province = "province"
    city = "city"
    county = "county"
    township = "township"
    village = "village"
    grid = "grid"
    group = "group"
    institution = "institution"


class OrgDomain(StrEnum):
    rural = "rural"
    urban_community = "urban_community"
    government = "government"
    public_institution = "public_institution"
    school = "school"
    state_enterprise = "state_enterprise"
    private_enterprise = "private_enterprise"
    social_organization = "social_organization"
    public_hospital = "public_hospital"


class OrgStatus(StrEnum):
    active = "active"
    dissolved = "dissolved"


class Role(StrEnum):
    admin = "admin"
    organizer = "organizer"
    secretary = "secretary"
    deputy = "deputy"
    member = "member"
    worker = "worker"
    judge = "judge"
    viewer = "viewer"
    integration = "integration"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    OrgKind: {
        "party_committee": "党委",
        "working_committee": "党工委",
        "general_branch": "党总支",
        "branch": "党支部",
        "group": "党小组",
    },
    OrgLevel: {
        "province": "省级",
        "city": "市级",
        "county": "县（区）级",
        "township": "乡镇（街道）级",
        "village": "村（社区）级",
        "grid": "网格",
        "group": "楼栋（小组）",
        "institution": "机关企事业单位",
    },
    OrgDomain: {
        "rural": "农村",
        "urban_community": "城市社区",
        "government": "机关",
        "public_institution": "事业单位",
        "school": "学校",
        "state_enterprise": "国有企业",
        "private_enterprise": "非公企业",
        "social_organization": "社会组织",
        "public_hospital": "公立医院",
    },
    OrgStatus: {"active": "正常", "dissolved": "已撤销"},
    Role: {
        "admin": "系统管理员",
        "organizer": "组织部（党建办）",
        "secretary": "党组织书记",
        "deputy": "副书记",
        "member": "班子成员",
        "worker": "党务工作者",
        "judge": "评审专家",
        "viewer": "领导（只读）",
        "integration": "数治平台接口",
    },
}
