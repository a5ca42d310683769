from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within
from app.core.enums import OrgStatus, ProjectGrade, ProjectStatus, ReminderReason
from app.core.errors import NotFound
from app.kit.pagination import AnySelect
from app.models.accounts import User
from app.models.orgs import Org
from app.models.projects import Project, ProjectCampaign, ProjectItem
from app.models.tracking import Milestone, ProgressReport
from app.projects.schemas import ProjectFilters
from app.projects.workflow import COUNTED
from app.tracking import repository as tracking

# Progress is averaged over the projects that are being (or have been) carried out.
PROGRESSING = (ProjectStatus.in_progress, ProjectStatus.completed, ProjectStatus.accepted)


def _strict_ancestors(paths: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        ids = path.strip("/").split("/")
        found.update("/" + "/".join(ids[:n]) + "/" for n in range(1, len(ids)))
    return found


# Campaigns -------------------------------------------------------------------------------------------------------


def campaigns(principal: Principal) -> AnySelect:
    """A campaign is run from above: besides those inside the caller's subtrees, the caller sees the campaigns of
    the orgs above them (the county's campaign is what a township secretary claims from). Ancestors are an
    exact-match list of paths, still an index lookup."""
    paths = principal.scope_paths(Permission.project_read)
    visible = within(ProjectCampaign.org_path, paths)
    above = _strict_ancestors(paths)
    if above:
        visible = or_(visible, ProjectCampaign.org_path.in_(sorted(above)))
    return (
        select(ProjectCampaign, Org.name.label("org_name")).join(Org, Org.id == ProjectCampaign.org_id).where(visible)
    )


def get_campaign_row(session: Session, principal: Principal, campaign_id: int) -> Any:
    row = session.execute(campaigns(principal).where(ProjectCampaign.id == campaign_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def lock_campaign(session: Session, campaign: ProjectCampaign) -> None:
    """Serialize claims, submissions and pre-claims within one campaign (PostgreSQL row lock; SQLite serializes
    writers anyway), so two concurrent claims cannot both pass the limit, and reload what another committed."""
    stmt = (
        select(ProjectCampaign)
        .where(ProjectCampaign.id == campaign.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    session.scalars(stmt).one()


def items(session: Session, campaign_id: int) -> list[ProjectItem]:
    stmt = (
        select(ProjectItem)
        .where(ProjectItem.campaign_id == campaign_id)
        .order_by(ProjectItem.sort_order, ProjectItem.id)
    )
    return list(session.scalars(stmt))


def get_item(session: Session, campaign_id: int, item_id: int) -> ProjectItem | None:
    return session.scalar(select(ProjectItem).where(ProjectItem.campaign_id == campaign_id, ProjectItem.id == item_id))


def item_title_taken(session: Session, campaign_id: int, title: str, *, except_id: int | None = None) -> bool:
    stmt = select(ProjectItem.id).where(ProjectItem.campaign_id == campaign_id, ProjectItem.title == title)
    if except_id is not None:
        stmt = stmt.where(ProjectItem.id != except_id)
    return session.scalar(stmt) is not None


def claims_per_item(session: Session, campaign_id: int) -> dict[int, int]:
    stmt = (
        select(Project.item_id, func.count())
        .select_from(Project)
        .where(Project.campaign_id == campaign_id, Project.status.in_(COUNTED))
        .group_by(Project.item_id)
    )
    return {int(i): int(n) for i, n in session.execute(stmt)}


def claim_count(session: Session, campaign_id: int, owner_id: int) -> int:
    stmt = (
        select(func.count())
        .select_from(Project)
        .where(Project.campaign_id == campaign_id, Project.owner_id == owner_id, Project.status.in_(COUNTED))
    )
    return int(session.scalar(stmt) or 0)


def claimed(session: Session, campaign_id: int, org_ids: Sequence[int] | None = None) -> set[tuple[int, int]]:
    """(item, org) pairs already claimed (not withdrawn) in the campaign."""
    stmt = (
        select(Project.item_id, Project.org_id)
        .select_from(Project)
        .where(Project.campaign_id == campaign_id, Project.status.in_(COUNTED))
    )
    if org_ids is not None:
        stmt = stmt.where(Project.org_id.in_(org_ids))
    return {(int(i), int(o)) for i, o in session.execute(stmt)}


def secretaries_below(session: Session, campaign_path: str, levels: Iterable[str], *, org_id: int | None = None) -> Any:
    """Active orgs strictly below the campaign's org, of the given levels, with an active secretary (第一责任人)."""
    stmt = (
        select(Org.id, Org.path, Org.level, Org.domain, Org.secretary_id)
        .join(User, User.id == Org.secretary_id)
        .where(
            within(Org.path, [campaign_path]),
            Org.path != campaign_path,
            Org.level.in_(list(levels)),
            Org.status == OrgStatus.active,
            User.is_active.is_(True),
        )
        .order_by(Org.path)
    )
    if org_id is not None:
        stmt = stmt.where(Org.id == org_id)
    return session.execute(stmt).all()


# Projects --------------------------------------------------------------------------------------------------------


def projects(principal: Principal) -> AnySelect:
    return (
        select(
            Project,
            Org.name.label("org_name"),
            Org.level.label("org_level"),
            ProjectItem.title.label("item_title"),
            ProjectItem.category.label("category"),
            ProjectItem.domain.label("domain"),
            User.full_name.label("owner_name"),
        )
        .join(Org, Org.id == Project.org_id)
        .join(ProjectItem, ProjectItem.id == Project.item_id)
        .join(User, User.id == Project.owner_id)
        .where(tracking.kind_within(Project, principal.scope_paths(Permission.project_read)))
    )


def _filtered(stmt: AnySelect, filters: ProjectFilters, today: date, root_path: str | None) -> AnySelect:
    stmt = tracking.ledger(stmt, filters, today, root_path)
    for field in ("campaign_id", "item_id", "owner_id"):
        value = getattr(filters, field)
        if value is not None:
            stmt = stmt.where(getattr(Project, field) == value)
    if filters.mandatory is not None:
        stmt = stmt.where(Project.is_mandatory.is_(filters.mandatory))
    if filters.level is not None:
        stmt = stmt.where(Org.level == filters.level)
    if filters.domain is not None:
        stmt = stmt.where(ProjectItem.domain == filters.domain)
    if filters.category is not None:
        stmt = stmt.where(ProjectItem.category == filters.category)
    return stmt


def ledger(principal: Principal, filters: ProjectFilters, today: date, root_path: str | None) -> AnySelect:
    return _filtered(projects(principal), filters, today, root_path)


def get_row(session: Session, principal: Principal, project_id: int) -> Any:
    row = session.execute(projects(principal).where(Project.id == project_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def existing_claim(session: Session, campaign_id: int, item_id: int, org_id: int) -> int | None:
    stmt = (
        select(Project.id)
        .select_from(Project)
        .where(
            Project.campaign_id == campaign_id,
            Project.item_id == item_id,
            Project.org_id == org_id,
            Project.status.in_(COUNTED),
        )
    )
    return session.scalar(stmt.limit(1))


def _reported(period: str) -> Any:
    return select(ProgressReport.item_id).where(ProgressReport.period == period)


def _late(today: date) -> Any:
    return select(Milestone.item_id).where(Milestone.due_on < today, Milestone.completed_at.is_(None))


def late_milestones(session: Session, item_ids: Iterable[int], today: date) -> dict[int, list[Milestone]]:
    ids = list(item_ids)
    if not ids:
        return {}
    stmt = (
        select(Milestone)
        .where(Milestone.item_id.in_(ids), Milestone.due_on < today, Milestone.completed_at.is_(None))
        .order_by(Milestone.due_on, Milestone.sort_order)
    )
    found: dict[int, list[Milestone]] = {}
    for m in session.scalars(stmt):
        found.setdefault(m.item_id, []).append(m)
    return found


def reminders(
    principal: Principal,
    root_path: str | None,
    period: str,
    today: date,
    *,
    campaign_id: int | None,
    owner_id: int | None,
    reason: ReminderReason | None,
) -> AnySelect:
    """提醒清单: projects being carried out with no report this month, or behind one of their milestones."""
    missing = Project.id.not_in(_reported(period))
    behind = Project.id.in_(_late(today))
    chosen: ColumnElement[bool] = {
        None: or_(missing, behind),
        ReminderReason.no_monthly_report: missing,
        ReminderReason.behind_milestone: behind,
    }[reason]
    stmt = (
        select(Project, Org.name.label("org_name"), User.full_name.label("owner_name"))
        .join(Org, Org.id == Project.org_id)
        .join(User, User.id == Project.owner_id)
        .where(
            tracking.kind_within(Project, principal.scope_paths(Permission.project_read)),
            Project.status == ProjectStatus.in_progress,
            chosen,
        )
    )
    if root_path is not None:
        stmt = stmt.where(within(Project.org_path, [root_path]))
    if campaign_id is not None:
        stmt = stmt.where(Project.campaign_id == campaign_id)
    if owner_id is not None:
        stmt = stmt.where(Project.owner_id == owner_id)
    return stmt


# Rollups ---------------------------------------------------------------------------------------------------------


def _counts(sub: Any, period: str, today: date) -> list[Any]:
    in_progress = sub.c.status == ProjectStatus.in_progress
    columns: list[Any] = [func.count().label("total")]
    columns += [func.sum(case((sub.c.status == s, 1), else_=0)).label(f"n_{s}") for s in ProjectStatus]
    columns += [
        # 0 rather than NULL when nothing is under way: sorts the same on SQLite and PostgreSQL.
        func.coalesce(func.avg(case((sub.c.status.in_(PROGRESSING), sub.c.progress))), 0).label("average_progress"),
        func.sum(case((and_(in_progress, sub.c.id.not_in(_reported(period))), 1), else_=0)).label("missing"),
        func.sum(case((and_(in_progress, sub.c.id.in_(_late(today))), 1), else_=0)).label("behind"),
    ]
    return columns


def _base(principal: Principal, filters: ProjectFilters, today: date, root_path: str | None) -> Any:
    stmt = (
        select(Project.id, Project.org_id, Project.status, Project.progress, Project.grade)
        .select_from(Project)
        .join(Org, Org.id == Project.org_id)
        .join(ProjectItem, ProjectItem.id == Project.item_id)
        .where(tracking.kind_within(Project, principal.scope_paths(Permission.project_read)))
    )
    return _filtered(stmt, filters, today, root_path).subquery()


def summary(
    session: Session, principal: Principal, filters: ProjectFilters, today: date, period: str, root_path: str | None
) -> tuple[Any, dict[ProjectGrade, int]]:
    sub = _base(principal, filters, today, root_path)
    totals = session.execute(select(*_counts(sub, period, today))).one()
    grades = session.execute(select(sub.c.grade, func.count()).where(sub.c.grade.is_not(None)).group_by(sub.c.grade))
    return totals, {ProjectGrade(g): int(n) for g, n in grades}


# Sort names offered by the rollup (as its response fields) and the columns behind them.
ROLLUP_SORTS = {
    "org_id": "org_id",
    "total": "total",
    "average_progress": "average_progress",
    "missing_monthly_report": "missing",
    "behind_milestone": "behind",
}


def rollup(principal: Principal, filters: ProjectFilters, today: date, period: str, root_path: str | None) -> Any:
    """Per org holding projects: counts by status, average progress and what the reminder list would show."""
    sub = _base(principal, filters, today, root_path)
    return (
        select(
            sub.c.org_id.label("org_id"),
            Org.name.label("org_name"),
            Org.level.label("org_level"),
            *_counts(sub, period, today),
        )
        .join(Org, Org.id == sub.c.org_id)
        .group_by(sub.c.org_id, Org.name, Org.level)
    )


def select_all(sub: Any) -> AnySelect:
    return select(sub)
