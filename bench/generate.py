"""Benchmark data, written with batched set-based inserts (no ORM, no audit rows), then one counter rebuild.

    python -m bench.generate --scale county     1 county, 20 townships, 400 villages, ~48k orgs, 10k problems
    python -m bench.generate --scale province   1 province, 10 cities, 100 counties, 1,500 townships,
                                                22,500 villages, ~114k orgs, ~1.01M problems
(DATABASE_URL / DATA_DIR select the database, as for the app; run `python -m app migrate` first.)

Accounts (password `bench12345`): bench_admin (admin at the root), and the secretary of the first org at each
level: first_city / first_county / first_township / first_village (`<level>_shuji`).
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.orm import Session

from app.core.db import get_database
from app.core.enums import OrgDomain, OrgKind, OrgLevel, OrgStatus, ProblemStatus, Role
from app.core.security import hash_password
from app.models.accounts import RoleAssignment, User
from app.models.orgs import Org
from app.models.problems import Problem
from app.models.tracking import TrackedItem
from app.stats import rollups

PASSWORD = "bench12345"
BATCH = 10_000


@dataclass(frozen=True)
class Scale:
    cities: int  # 0: the root is a county
    counties_per_city: int
    townships: int
    villages_per_township: int
    grids_per_village: int
    groups_per_grid: int
    problems_per_village: int


SCALES = {
    "county": Scale(
        0, 0, townships=20, villages_per_township=20, grids_per_village=10, groups_per_grid=11, problems_per_village=25
    ),
    "province": Scale(
        10, 10, townships=15, villages_per_township=15, grids_per_village=4, groups_per_grid=0, problems_per_village=45
    ),
}
# The benchmark's probe accounts: the secretary of the first org at each level.
PROBES = ("city", "county", "township", "village")
STATUS_MIX = [
    (ProblemStatus.open, 20),
    (ProblemStatus.rectifying, 30),
    (ProblemStatus.submitted, 10),
    (ProblemStatus.closed, 40),
]


class Writer:
    def __init__(self, conn: Connection, table: Any, on_full: Any) -> None:
        self.conn, self.table, self.rows, self.count, self.on_full = conn, table, [], 0, on_full

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.on_full()  # every writer, parents first: rows refer to orgs and users still buffered

    def flush(self) -> None:
        if self.rows:
            self.conn.execute(insert(self.table), self.rows)
            self.count += len(self.rows)
            self.rows = []


class Builder:
    def __init__(self, conn: Connection, now: datetime, password_hash: str) -> None:
        self.now, self.password_hash = now, password_hash
        self.orgs = Writer(conn, Org.__table__, self.flush)
        self.users = Writer(conn, User.__table__, self.flush)
        self.roles = Writer(conn, RoleAssignment.__table__, self.flush)
        self.items = Writer(conn, TrackedItem.__table__, self.flush)
        self.problems = Writer(conn, Problem.__table__, self.flush)
        self.next_org = self.next_user = self.next_item = 1
        self.probes: dict[str, dict[str, Any]] = {}

    def org(
        self, parent: dict[str, Any] | None, name: str, kind: OrgKind, level: OrgLevel, order: int
    ) -> dict[str, Any]:
        org_id, self.next_org = self.next_org, self.next_org + 1
        row = {
            "id": org_id,
            "parent_id": parent["id"] if parent else None,
            "path": f"{parent['path'] if parent else '/'}{org_id}/",
            "depth": parent["depth"] + 1 if parent else 0,
            "name": name,
            "short_name": None,
            "kind": kind.value,
            "level": level.value,
            "domain": OrgDomain.rural.value
            if level in (OrgLevel.village, OrgLevel.grid, OrgLevel.group)
            else OrgDomain.government.value,
            "code": None,
            "secretary_id": None,
            "term_start": None,
            "term_end": None,
            "status": OrgStatus.active.value,
            "sort_order": order,
            "version": 1,
            "created_at": self.now,
            "updated_at": self.now,
            "created_by_id": None,
            "updated_by_id": None,
        }
        self.orgs.add(row)
        return row

    def person(self, username: str, org: dict[str, Any], role: Role) -> None:
        user_id, self.next_user = self.next_user, self.next_user + 1
        self.users.add(
            {
                "id": user_id,
                "username": username,
                "password_hash": self.password_hash,
                "full_name": username,
                "phone": "13800000000",
                "is_active": True,
                "is_service": False,
                "password_changed_at": self.now,
                "org_id": org["id"],
                "org_path": org["path"],
                "version": 1,
                "created_at": self.now,
                "updated_at": self.now,
                "created_by_id": None,
                "updated_by_id": None,
            }
        )
        self.roles.add(
            {
                "user_id": user_id,
                "role": role.value,
                "org_id": org["id"],
                "org_path": org["path"],
                "created_at": self.now,
                "created_by_id": None,
            }
        )

    def secretary(self, level: str, org: dict[str, Any], index: int) -> None:
        if level not in self.probes:
            self.probes[level] = org
            self.person(f"{level}_shuji", org, Role.secretary)
        elif index < 3:
            self.person(f"{level}{org['id']}_shuji", org, Role.secretary)

    def problems_for(
        self, village: dict[str, Any], issuer: dict[str, Any], count: int, rng: random.Random, today: date
    ) -> None:
        statuses = [s for s, weight in STATUS_MIX for _ in range(weight)]
        for n in range(count):
            item_id, self.next_item = self.next_item, self.next_item + 1
            status = rng.choice(statuses)
            is_open = status != ProblemStatus.closed
            self.items.add(
                {
                    "id": item_id,
                    "kind": "problem",
                    "title": f"基层党建问题 {item_id}",
                    "issuer_org_id": issuer["id"],
                    "issuer_org_path": issuer["path"],
                    "responsible_user_id": None,
                    "deadline": today + timedelta(days=rng.randint(-90, 120)),
                    "status": status.value,
                    "is_open": is_open,
                    "closed_at": None if is_open else self.now,
                    "last_report_at": None,
                    "version": 1,
                    "org_id": village["id"],
                    "org_path": village["path"],
                    "created_at": self.now,
                    "updated_at": self.now,
                    "created_by_id": None,
                    "updated_by_id": None,
                }
            )
            self.problems.add(
                {
                    "id": item_id,
                    "source": "inspection",
                    "inspection_id": None,
                    "description": f"督查发现：“三会一课”记录不规范（第 {n + 1} 条）",
                    "category": "deadline",
                    "severity": "general",
                    "measures": None,
                    "recheck_count": 0,
                }
            )

    def flush(self) -> None:
        # Parents before children across tables: orgs, users, their roles, then items and their subtype rows.
        for writer in (self.orgs, self.users, self.roles, self.items, self.problems):
            writer.flush()


def _fill_county(b: Builder, county: dict[str, Any], s: Scale, rng: random.Random, today: date) -> None:
    for t in range(1, s.townships + 1):
        township = b.org(county, f"第{t}乡镇党委", OrgKind.party_committee, OrgLevel.township, t)
        b.secretary("township", township, t)
        for v in range(1, s.villages_per_township + 1):
            village = b.org(township, f"第{v}村党总支", OrgKind.general_branch, OrgLevel.village, v)
            b.secretary("village", village, v)
            for g in range(1, s.grids_per_village + 1):
                grid = b.org(village, f"第{g}网格党支部", OrgKind.branch, OrgLevel.grid, g)
                for p in range(1, s.groups_per_grid + 1):
                    b.org(grid, f"第{p}党小组", OrgKind.group, OrgLevel.group, p)
            b.problems_for(village, township, s.problems_per_village, rng, today)


def generate(scale: Scale) -> dict[str, int]:
    db = get_database()
    now = datetime.now(UTC)
    rng = random.Random(2026)
    today = now.date()
    with db.engine.begin() as conn:
        if conn.scalar(select(func.count()).select_from(Org.__table__)):
            raise SystemExit("the database already holds orgs; generate into an empty one")
        b = Builder(conn, now, hash_password(PASSWORD))
        if scale.cities:
            root = b.org(None, "基准测试省委", OrgKind.party_committee, OrgLevel.province, 0)
            b.person("bench_admin", root, Role.admin)
            number = 0
            for c in range(1, scale.cities + 1):
                city = b.org(root, f"第{c}市委", OrgKind.party_committee, OrgLevel.city, c)
                b.secretary("city", city, c)
                for _ in range(scale.counties_per_city):
                    number += 1
                    county = b.org(city, f"第{number}县委", OrgKind.party_committee, OrgLevel.county, number)
                    b.secretary("county", county, number)
                    _fill_county(b, county, scale, rng, today)
        else:
            root = b.org(None, "基准测试县委", OrgKind.party_committee, OrgLevel.county, 0)
            b.person("bench_admin", root, Role.admin)
            b.secretary("county", root, 1)
            _fill_county(b, root, scale, rng, today)
        b.flush()
        with Session(bind=conn) as session:
            rollups.rebuild(session)
            session.flush()
        if conn.dialect.name == "postgresql":  # ids were assigned here, so move the sequences past them
            for table in ("orgs", "users", "role_assignments", "tracked_items"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
        conn.exec_driver_sql("ANALYZE")
    if db.engine.dialect.name == "postgresql":
        # What autovacuum does some time after a bulk load: without a visibility map every index-only scan
        # (the scoped lists' keys) visits the heap too, and the first runs measure that instead.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    return {"orgs": b.orgs.count, "users": b.users.count, "problems": b.problems.count}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=sorted(SCALES), default="county")
    args = parser.parse_args()
    started = time.monotonic()
    counts = generate(SCALES[args.scale])
    print(f"generated {counts} in {time.monotonic() - started:.1f}s")


if __name__ == "__main__":
    main()
