"""Project campaigns (书记项目认领活动) and their catalog: who runs them, when items may change, and the
pre-claims of mandatory items (必选项目) for every secretary of the levels they name."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.audit.recorder import mark
from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.core import clock
from app.core.enums import CampaignStatus, OrgStatus, ProjectStatus
from app.core.errors import Conflict, InvalidTransition, NotFound, Unprocessable
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.projects import Project, ProjectCampaign, ProjectItem
from app.orgs import repository as org_repository
from app.projects import repository
from app.projects.schemas import CampaignCreate, CampaignUpdate, ItemCreate, ItemUpdate
from app.projects.workflow import CAMPAIGN

SORTABLE = {"id": ProjectCampaign.id, "year": ProjectCampaign.year, "created_at": ProjectCampaign.created_at}


def _columns(obj: Any, model: Any) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in model.__table__.columns}


def _allowed_actions(principal: Principal, campaign: ProjectCampaign) -> list[str]:
    if not principal.can(Permission.campaign_manage, campaign.org_path):
        return []
    actions = [a for a, t in CAMPAIGN.items() if campaign.status in t.sources]
    return [*actions, "preclaim"] if campaign.status == CampaignStatus.open else actions


def _detail(session: Session, principal: Principal, campaign_id: int) -> dict[str, Any]:
    campaign, org_name = repository.get_campaign_row(session, principal, campaign_id)
    counts = repository.claims_per_item(session, campaign.id)
    items = [
        _columns(i, ProjectItem) | {"project_count": counts.get(i.id, 0)}
        for i in repository.items(session, campaign.id)
    ]
    return _columns(campaign, ProjectCampaign) | {
        "org_name": org_name,
        "items": items,
        "project_count": sum(counts.values()),
        "my_claim_count": repository.claim_count(session, campaign.id, principal.user_id),
        "allowed_actions": _allowed_actions(principal, campaign),
    }


def _managed(session: Session, principal: Principal, campaign_id: int, expected_version: int | None = None) -> Any:
    """The campaign, for its organizers: 404 outside scope, 403 without campaign_manage over its org, 412."""
    campaign, _ = repository.get_campaign_row(session, principal, campaign_id)
    authorize(principal, Permission.campaign_manage, campaign.org_path)
    check_version(campaign.version, expected_version)
    return campaign


def _limits(min_claims: int, max_claims: int) -> None:
    if min_claims > max_claims:
        raise Unprocessable(
            "最少认领数不能大于最多认领数", fields=[{"loc": ["body", "min_claims"], "message": "不能大于 max_claims"}]
        )


def list_campaigns(
    session: Session, principal: Principal, params: PageParams, year: int | None, status: CampaignStatus | None
) -> dict[str, Any]:
    stmt = repository.campaigns(principal)
    if year is not None:
        stmt = stmt.where(ProjectCampaign.year == year)
    if status is not None:
        stmt = stmt.where(ProjectCampaign.status == status)
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "-year", ProjectCampaign.id), rows=True)
    return page_of([_columns(c, ProjectCampaign) | {"org_name": name} for c, name in rows], total, params)


def get_campaign(session: Session, principal: Principal, campaign_id: int) -> dict[str, Any]:
    return _detail(session, principal, campaign_id)


def create(session: Session, principal: Principal, body: CampaignCreate) -> dict[str, Any]:
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.campaign_manage, org.path)
    if org.status != OrgStatus.active:
        raise Conflict("该组织已撤销", code="org_dissolved")
    _limits(body.min_claims, body.max_claims)
    duplicates = [t for t, n in Counter(i.title for i in body.items).items() if n > 1]
    if duplicates:
        raise Unprocessable(fields=[{"loc": ["body", "items"], "message": f"项目名称重复：{duplicates[0]}"}])
    campaign = ProjectCampaign(
        org_id=org.id, status=CampaignStatus.draft, **body.model_dump(exclude={"org_id", "items"})
    )
    session.add(campaign)
    session.flush()
    for index, item in enumerate(body.items):
        session.add(_item(campaign, item, default_order=index))
    session.flush()
    return _detail(session, principal, campaign.id)


def update(
    session: Session, principal: Principal, campaign_id: int, body: CampaignUpdate, expected_version: int | None
) -> dict[str, Any]:
    campaign = _managed(session, principal, campaign_id, expected_version)
    if campaign.status == CampaignStatus.closed:
        raise InvalidTransition("活动已结束，不能修改")
    changes = body.model_dump(exclude_unset=True)
    nulls = [f for f, v in changes.items() if v is None and f != "description"]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    _limits(changes.get("min_claims", campaign.min_claims), changes.get("max_claims", campaign.max_claims))
    for field, value in changes.items():
        setattr(campaign, field, value)
    session.flush()
    return _detail(session, principal, campaign.id)


def transition(
    session: Session, principal: Principal, campaign_id: int, action: str, expected_version: int | None
) -> dict[str, Any]:
    campaign = _managed(session, principal, campaign_id, expected_version)
    rule = CAMPAIGN[action]
    if campaign.status not in rule.sources:
        raise InvalidTransition(f"当前状态（{campaign.status}）下不能执行该操作")
    now = clock.now()
    if action == "open":
        items = repository.items(session, campaign.id)
        _check_catalog(campaign, items)
        campaign.opened_at = campaign.preclaimed_at = now
        campaign.status = rule.target
        mark(session, campaign, rule.event)
        preclaim_for(session, campaign, items)
    else:
        campaign.closed_at = now
        campaign.status = rule.target
        mark(session, campaign, rule.event)
    session.flush()
    return _detail(session, principal, campaign.id)


def _check_catalog(campaign: ProjectCampaign, items: list[ProjectItem]) -> None:
    if not items:
        raise Conflict("项目清单为空，不能发布", code="catalog_empty")
    per_level = Counter(level for i in items for level in i.mandatory_levels)
    too_many = [level for level, n in per_level.items() if n > campaign.max_claims]
    if too_many:
        raise Conflict(f"必选项目数超过每位书记最多认领数（{campaign.max_claims}）", code="mandatory_exceeds_limit")


def preclaim(session: Session, principal: Principal, campaign_id: int) -> dict[str, Any]:
    """补齐必选项目: pre-claims for secretaries appointed (or orgs created) since the campaign opened."""
    campaign = _managed(session, principal, campaign_id)
    repository.lock_campaign(session, campaign)
    if campaign.status != CampaignStatus.open:
        raise InvalidTransition("只有认领实施中的活动可以补齐必选项目")
    preclaim_for(session, campaign, repository.items(session, campaign.id))
    campaign.preclaimed_at = clock.now()
    mark(session, campaign, "preclaimed")
    session.flush()
    return _detail(session, principal, campaign.id)


def preclaim_for(
    session: Session,
    campaign: ProjectCampaign,
    items: list[ProjectItem],
    *,
    org_id: int | None = None,
    skip_item_id: int | None = None,
) -> int:
    """Draft projects of the mandatory items for each secretary of the named levels below the campaign's org
    (or only `org_id`). Idempotent: an org that already holds the item (not withdrawn) is skipped."""
    mandatory = [i for i in items if i.mandatory_levels and i.id != skip_item_id]
    if not mandatory:
        return 0
    levels = {level for i in mandatory for level in i.mandatory_levels}
    orgs = repository.secretaries_below(session, campaign.org_path, levels, org_id=org_id)
    have = repository.claimed(session, campaign.id, [o.id for o in orgs] if org_id is not None else None)
    created = 0
    for org in orgs:
        for item in mandatory:
            if mandatory_for(item, org.level, org.domain) and (item.id, org.id) not in have:
                session.add(new_project(campaign, item, org.id, org.path, owner_id=org.secretary_id, mandatory=True))
                created += 1
    return created


def mandatory_for(item: ProjectItem, level: str, domain: str) -> bool:
    """必选 for the item's levels, within the item's domain when it has one (党建+村级集体经济 binds the rural
    townships, not the streets)."""
    return level in item.mandatory_levels and (item.domain is None or item.domain == domain)


def new_project(
    campaign: ProjectCampaign,
    item: ProjectItem,
    org_id: int,
    org_path: str,
    *,
    owner_id: int,
    mandatory: bool,
    title: str | None = None,
    deadline: date | None = None,
) -> Project:
    project = Project(
        campaign_id=campaign.id,
        item_id=item.id,
        org_id=org_id,
        owner_id=owner_id,
        responsible_user_id=owner_id,
        issuer_org_id=campaign.org_id,
        issuer_org_path=campaign.org_path,
        title=title or item.title,
        is_mandatory=mandatory,
        deadline=deadline or date(campaign.year, 12, 31),
        status=ProjectStatus.draft,
        is_open=True,
        progress=0,
        team=[],
    )
    project.org_path = org_path
    return project


# Catalog -----------------------------------------------------------------------------------------------------------


def _item(campaign: ProjectCampaign, body: ItemCreate, *, default_order: int = 0) -> ProjectItem:
    data = body.model_dump()
    data["sort_order"] = data["sort_order"] or default_order
    return ProjectItem(campaign_id=campaign.id, org_id=campaign.org_id, **data)


def _editable_catalog(campaign: ProjectCampaign) -> None:
    if campaign.status != CampaignStatus.draft:
        raise InvalidTransition("活动已发布，项目清单不能再修改")


def _title_free(session: Session, campaign_id: int, title: str, except_id: int | None = None) -> None:
    if repository.item_title_taken(session, campaign_id, title, except_id=except_id):
        raise Conflict(
            "同一活动中项目名称不能重复",
            code="duplicate_title",
            fields=[{"loc": ["body", "title"], "message": "已有同名项目"}],
        )


def _get_item(session: Session, campaign_id: int, item_id: int) -> ProjectItem:
    item = repository.get_item(session, campaign_id, item_id)
    if item is None:
        raise NotFound()
    return item


def add_item(session: Session, principal: Principal, campaign_id: int, body: ItemCreate) -> dict[str, Any]:
    campaign = _managed(session, principal, campaign_id)
    _editable_catalog(campaign)
    _title_free(session, campaign.id, body.title)
    session.add(_item(campaign, body, default_order=len(repository.items(session, campaign.id))))
    session.flush()
    return _detail(session, principal, campaign.id)


def update_item(
    session: Session,
    principal: Principal,
    campaign_id: int,
    item_id: int,
    body: ItemUpdate,
    expected_version: int | None,
) -> dict[str, Any]:
    campaign = _managed(session, principal, campaign_id)
    item = _get_item(session, campaign.id, item_id)
    check_version(item.version, expected_version)
    _editable_catalog(campaign)
    changes = body.model_dump(exclude_unset=True)
    nulls = [f for f in ("title", "category", "mandatory_levels", "sort_order") if f in changes and changes[f] is None]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    if "title" in changes:
        _title_free(session, campaign.id, changes["title"], except_id=item.id)
    if "mandatory_levels" in changes:
        changes["mandatory_levels"] = list(dict.fromkeys(changes["mandatory_levels"]))
    for field, value in changes.items():
        setattr(item, field, value)
    session.flush()
    return _detail(session, principal, campaign.id)


def delete_item(session: Session, principal: Principal, campaign_id: int, item_id: int) -> None:
    campaign = _managed(session, principal, campaign_id)
    item = _get_item(session, campaign.id, item_id)
    _editable_catalog(campaign)
    session.delete(item)
    session.flush()
