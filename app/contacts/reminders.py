"""Reminder rule: contact points short of their quarterly visits (每季度深入联系点不少于 N 次).

Reminding from the first day of a quarter would only nag; from the quarter's last month on, the linked
secretary hears once per contact point and quarter how many visits are still missing."""

from sqlalchemy.orm import Session

from app.contacts import repository
from app.contacts.quarters import Quarter
from app.contacts.service import visits_required
from app.core import clock
from app.reminders.job import Reminder, rule


@rule
def contact_point_shortfalls(session: Session) -> list[Reminder]:
    quarter = Quarter.current()
    if clock.today_local().month != quarter.last_day.month:
        return []
    utc_from, utc_to = quarter.utc_bounds
    stmt, visits_col, required_col = repository.compliance(
        ["/"], quarter.first_day, quarter.last_day, utc_from, utc_to, visits_required()
    )
    found = []
    for point, org_name, _host_org_name, _user_name, visits, required in session.execute(
        stmt.where(visits_col < required_col)
    ):
        missing = required - visits
        found.append(
            Reminder(
                point.user_id,
                point.host_org_id,
                point.host_org_path,
                "contact_point_shortfall",
                f"联系点走访不足：{org_name}",
                f"{quarter}您到联系点{org_name}走访 {visits} 次，按要求每季度不少于 {required} 次，本季度结束前还需走访"
                f" {missing} 次。",
                "contact_point",
                point.id,
                f"contact_point_shortfall:{point.id}:{quarter}",
                "contact_point.shortfall",
                {"quarter": str(quarter), "visits": visits, "required": required, "org_name": org_name},
            )
        )
    return found
