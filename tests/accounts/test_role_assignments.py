from sqlalchemy import select

from app.models.accounts import RoleAssignment
from app.models.orgs import Org
from tests.support.api import error_code


def test_assign_and_revoke_a_role(api, db):
    w = api.world
    admin = api.as_("ta_admin")
    body = {"user_id": w.user_id("va1_worker"), "role": "deputy", "org_id": w.org_id("va1")}
    created = admin.post("/role-assignments", json=body)
    assert created.status_code == 201
    assignment = created.json()
    assert assignment["role"] == "deputy" and assignment["org_id"] == w.org_id("va1")
    me = api.fresh("va1_worker").get("/auth/me").json()
    assert {a["role"] for a in me["assignments"]} == {"worker", "deputy"}
    assert admin.post("/role-assignments", json=body).status_code == 409
    listed = admin.get("/role-assignments", params={"user_id": w.user_id("va1_worker")}).json()
    assert listed["total"] == 2
    assert admin.delete(f"/role-assignments/{assignment['id']}").status_code == 204
    assert admin.get(f"/role-assignments/{assignment['id']}").status_code == 404
    with db.transaction() as s:
        assert s.get(RoleAssignment, assignment["id"]) is None


def test_secretary_assignment_sets_and_clears_the_orgs_secretary(api, db):
    w = api.world
    admin = api.as_("county_admin")
    created = admin.post(
        "/role-assignments",
        json={"user_id": w.user_id("va2_worker"), "role": "secretary", "org_id": w.org_id("va2")},
    ).json()
    assert admin.get(f"/orgs/{w.org_id('va2')}").json()["secretary_id"] == w.user_id("va2_worker")
    admin.delete(f"/role-assignments/{created['id']}")
    # the remaining secretary takes over again
    assert admin.get(f"/orgs/{w.org_id('va2')}").json()["secretary_id"] == w.user_id("va2_secretary")


def test_assignment_scope_rules(api):
    w = api.world
    body = {"user_id": w.user_id("va1_worker"), "role": "member", "org_id": w.org_id("vb1")}
    assert api.as_("ta_admin").post("/role-assignments", json=body).status_code == 404
    body = {"user_id": w.user_id("vb1_worker"), "role": "member", "org_id": w.org_id("va1")}
    missing_user = api.as_("ta_admin").post("/role-assignments", json=body)
    assert missing_user.status_code == 404
    body = {"user_id": w.user_id("va1_worker"), "role": "member", "org_id": w.org_id("va1")}
    assert api.as_("ta_secretary").post("/role-assignments", json=body).status_code == 403
    foreign = api.as_("tb_admin").get("/role-assignments").json()["items"]
    assert foreign and all(a["org_id"] in {w.org_id("tb"), w.org_id("vb1"), w.org_id("vb2")} for a in foreign)


def test_service_accounts_and_integration_role_go_together(api):
    w = api.world
    admin = api.as_("county_admin")
    person = admin.post(
        "/role-assignments",
        json={"user_id": w.user_id("va1_worker"), "role": "integration", "org_id": w.org_id("va1")},
    )
    assert person.status_code == 409 and error_code(person) == "service_role_mismatch"
    service = admin.post(
        "/role-assignments",
        json={"user_id": w.user_id("platform"), "role": "admin", "org_id": w.org_id("county")},
    )
    assert service.status_code == 409


def test_admin_cannot_remove_own_admin_role(api, db):
    admin = api.as_("ta_admin")
    with db.transaction() as s:
        own = s.scalar(select(RoleAssignment.id).where(RoleAssignment.user_id == api.world.user_id("ta_admin")))
    response = admin.delete(f"/role-assignments/{own}")
    assert response.status_code == 409 and error_code(response) == "cannot_remove_own_admin"


def test_bad_assignment_input(api, db):
    admin = api.as_("county_admin")
    for body in (
        {"user_id": 1, "role": "emperor", "org_id": 1},
        {"user_id": 1, "org_id": 1},
        {"user_id": "x", "role": "member", "org_id": 1},
        {"user_id": 1, "role": "member", "org_id": 1, "id": 9},
    ):
        response = admin.post("/role-assignments", json=body)
        assert response.status_code == 422, body
    with db.transaction() as s:
        assert s.scalar(select(Org.secretary_id).where(Org.id == api.world.org_id("county"))) == api.world.user_id(
            "county_secretary"
        )
