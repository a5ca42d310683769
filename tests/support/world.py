"""The fixture tree: one county, two townships (A, B), two villages each, one user per role.

county ─┬─ ta (township A) ─┬─ va1
        │                   └─ va2
        └─ tb (township B) ─┬─ vb1
                            └─ vb2
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.core.enums import OrgDomain, OrgKind, OrgLevel, OrgStatus, Role
from app.core.security import hash_password
from app.demo.accounts import add_user
from app.models.accounts import User
from app.models.orgs import Org
from app.orgs import repository as org_repository

PASSWORD = "secret123"


@dataclass
class World:
    orgs: dict[str, Org] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def org_id(self, key: str) -> int:
        return self.orgs[key].id

    def user_id(self, key: str) -> int:
        return self.users[key].id


def make_org(
    session: Session,
    parent: Org | None,
    name: str,
    level: OrgLevel,
    *,
    kind: OrgKind = OrgKind.branch,
    domain: OrgDomain = OrgDomain.rural,
    code: str | None = None,
) -> Org:
    org_id = org_repository.next_id(session)
    org = Org(
        id=org_id,
        parent_id=parent.id if parent else None,
        path=f"{parent.path if parent else '/'}{org_id}/",
        depth=parent.depth + 1 if parent else 0,
        name=name,
        kind=kind,
        level=level,
        domain=domain,
        code=code,
        status=OrgStatus.active,
        sort_order=org_id,
    )
    session.add(org)
    session.flush()
    return org


def make_user(
    session: Session,
    world: World,
    username: str,
    org: Org,
    *roles: tuple[Role, Org],
    is_service: bool = False,
    phone: str | None = "13812345678",
) -> User:
    user = add_user(
        session,
        username=username,
        full_name=f"测试{username}",
        org=org,
        password_hash=_hash(),
        phone=phone,
        roles=roles,
        is_service=is_service,
    )
    world.users[username] = user
    return user


_HASH: list[str] = []


def _hash() -> str:
    if not _HASH:
        _HASH.append(hash_password(PASSWORD))
    return _HASH[0]


def build_world(session: Session) -> World:
    w = World()
    county = make_org(
        session,
        None,
        "测试县委",
        OrgLevel.county,
        kind=OrgKind.party_committee,
        domain=OrgDomain.government,
        code="T",
    )
    ta = make_org(session, county, "甲镇党委", OrgLevel.township, kind=OrgKind.party_committee, code="T-A")
    tb = make_org(session, county, "乙镇党委", OrgLevel.township, kind=OrgKind.party_committee, code="T-B")
    va1 = make_org(session, ta, "甲一村党支部", OrgLevel.village, code="T-A-1")
    va2 = make_org(session, ta, "甲二村党支部", OrgLevel.village, code="T-A-2")
    vb1 = make_org(session, tb, "乙一村党支部", OrgLevel.village, code="T-B-1")
    vb2 = make_org(session, tb, "乙二村党支部", OrgLevel.village, code="T-B-2")
    w.orgs.update(county=county, ta=ta, tb=tb, va1=va1, va2=va2, vb1=vb1, vb2=vb2)

    make_user(session, w, "county_admin", county, (Role.admin, county))
    make_user(session, w, "county_organizer", county, (Role.organizer, county))
    make_user(session, w, "county_viewer", county, (Role.viewer, county))
    make_user(session, w, "county_secretary", county, (Role.secretary, county))
    make_user(session, w, "judge", va2, (Role.judge, county))
    make_user(session, w, "platform", county, (Role.integration, county), is_service=True)
    for t in ("ta", "tb"):
        org = w.orgs[t]
        make_user(session, w, f"{t}_admin", org, (Role.admin, org))
        make_user(session, w, f"{t}_organizer", org, (Role.organizer, org))
        make_user(session, w, f"{t}_secretary", org, (Role.secretary, org))
        make_user(session, w, f"{t}_deputy", org, (Role.deputy, org))
        make_user(session, w, f"{t}_member", org, (Role.member, org))
        make_user(session, w, f"{t}_worker", org, (Role.worker, org))
    for v in ("va1", "va2", "vb1", "vb2"):
        org = w.orgs[v]
        make_user(session, w, f"{v}_secretary", org, (Role.secretary, org))
        make_user(session, w, f"{v}_worker", org, (Role.worker, org))
    session.flush()
    return w
