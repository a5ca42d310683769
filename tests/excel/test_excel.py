import io

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.models.orgs import Org
from app.models.problems import Problem
from tests.problems.helpers import issue
from tests.support.api import error_code


def _sheet(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    return rows[0], rows[1:]


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(user, path: str, rows: list[list[object]]):  # type: ignore[no-untyped-def]
    return user.post(path, files={"file": ("导入.xlsx", _xlsx(rows), "application/octet-stream")})


def test_problem_export_follows_scope_and_filters(api):
    issue(api, "va1", severity="critical")
    issue(api, "va2")
    issue(api, "vb1", by="tb_organizer")
    header, rows = _sheet(api.as_("ta_organizer").get("/exports/problems"))
    assert header[:4] == ("编号", "所属组织", "来源", "问题描述")
    assert len(rows) == 2 and {r[1] for r in rows} == {"甲一村党支部", "甲二村党支部"}
    assert rows[0][2] == "督查" and rows[0][9] == "待整改" and rows[0][10] == "否"
    _, critical = _sheet(api.as_("ta_organizer").get("/exports/problems", params={"severity": "critical"}))
    assert len(critical) == 1 and critical[0][5] == "严重"
    assert (
        api.as_("ta_organizer").get("/exports/problems", params={"root_id": api.world.org_id("vb1")}).status_code == 404
    )
    assert api.as_("judge").get("/exports/problems").status_code == 403


def test_user_export_masks_phones_like_the_list(api):
    _, masked = _sheet(api.as_("ta_secretary").get("/exports/users", params={"root_id": api.world.org_id("va1")}))
    assert {r[2] for r in masked} == {"138****5678"}
    _, plain = _sheet(api.as_("ta_admin").get("/exports/users", params={"root_id": api.world.org_id("va1")}))
    assert {r[2] for r in plain} == {"13812345678"}


def test_org_export_and_templates(api):
    header, rows = _sheet(api.as_("tb_admin").get("/exports/orgs"))
    assert header[0] == "组织编码" and {r[0] for r in rows} == {"T-B", "T-B-1", "T-B-2"}
    assert {r[3] for r in rows} == {"党委", "党支部"}
    for kind in ("orgs", "users", "problems"):
        header, example = _sheet(api.as_("county_admin").get(f"/imports/{kind}/template"))
        assert header[0].endswith("*") and len(example) == 1


def test_org_import_all_rows_or_none(api, db):
    admin = api.as_("ta_admin")
    headers = [
        "名称*",
        "简称",
        "上级组织编码*",
        "组织类型*",
        "层级*",
        "领域*",
        "组织编码",
        "任期开始",
        "任期结束",
        "排序",
    ]
    good = [
        headers,
        ["第一网格党支部", None, "T-A-1", "党支部", "网格", "农村", "T-A-1-G1", "2026-03-01", "2031-03-01", 1],
        ["1栋党小组", None, "T-A-1-G1", "党小组", "楼栋（小组）", "农村", "T-A-1-G1-1", None, None, None],
    ]
    created = _upload(admin, "/imports/orgs", good)
    assert created.status_code == 201 and created.json() == {"kind": "orgs", "created": 2}
    group = admin.get("/orgs", params={"q": "1栋"}).json()["items"][0]
    assert group["kind"] == "group" and group["depth"] == 4
    with db.transaction() as s:
        before = s.scalar(select(func.count()).select_from(Org))
    bad = [
        headers,
        ["正常的一行", None, "T-A-2", "党支部", "网格", "农村", "T-A-2-G1", None, None, None],
        ["", None, "T-A-2", "党支部", "网格", "农村", None, None, None, None],
        ["越界", None, "T-B-1", "党支部", "网格", "农村", None, None, None, None],
        ["重复编码", None, "T-A-2", "党委会", "网格", "农村", "T-A-1-G1", "2026-13-01", None, None],
    ]
    refused = _upload(admin, "/imports/orgs", bad)
    assert refused.status_code == 422 and error_code(refused) == "import_failed"
    fields = refused.json()["error"]["fields"]
    assert {f["loc"][1] for f in fields} == {3, 4, 5}
    assert ["row", 3, "名称"] in [f["loc"] for f in fields]
    assert any(f["loc"] == ["row", 4, "上级组织编码"] and "T-B-1" in f["message"] for f in fields)
    assert any(f["loc"][:3] == ["row", 5, "任期开始"] for f in fields)
    assert "3 行有误" in refused.json()["error"]["message"]
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Org)) == before  # not even the good row


def test_user_and_problem_imports(api, db):
    admin = api.as_("ta_admin")
    users = _upload(
        admin,
        "/imports/users",
        [
            ["用户名*", "姓名*", "手机号", "所属组织编码*", "初始密码*", "角色", "角色所在组织编码"],
            ["new_secretary", "王新", 13900001111, "T-A-1", "Start2026", "党组织书记", None],
        ],
    )
    assert users.status_code == 201
    login = api.login("new_secretary", "Start2026")
    assert login.status_code == 200
    me = api.client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {login.json()['access_token']}"}).json()
    assert me["assignments"][0]["role"] == "secretary" and me["user"]["phone"] == "13900001111"
    problems = _upload(
        api.as_("ta_organizer"),
        "/imports/problems",
        [
            ["组织编码*", "来源*", "问题描述*", "类别*", "严重程度", "整改时限", "责任人用户名"],
            ["T-A-1", "督查", "党员活动室台账缺失", "立行立改", "较重", "2026-12-31", "new_secretary"],
            ["T-A-2", "自查", "发展党员材料不规范", "限期整改", None, None, None],
        ],
    )
    assert problems.status_code == 201 and problems.json()["created"] == 2
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Problem)) == 2
    hidden = _upload(
        api.as_("ta_organizer"),
        "/imports/problems",
        [
            ["组织编码*", "来源*", "问题描述*", "类别*", "严重程度", "整改时限", "责任人用户名"],
            ["T-B-1", "督查", "越界", "立行立改", None, None, "vb1_secretary"],
        ],
    )
    assert hidden.status_code == 422
    messages = " ".join(f["message"] for f in hidden.json()["error"]["fields"])
    assert "T-B-1" in messages


def test_bad_files_and_permissions(api):
    admin = api.as_("ta_admin")
    junk = admin.post("/imports/orgs", files={"file": ("x.xlsx", b"not a workbook", "application/octet-stream")})
    assert junk.status_code == 422 and error_code(junk) == "invalid_workbook"
    wrong = _upload(admin, "/imports/orgs", [["名字", "上级"], ["x", "y"]])
    assert wrong.status_code == 422 and error_code(wrong) == "invalid_template"
    empty = _upload(
        admin,
        "/imports/orgs",
        [["名称*", "简称", "上级组织编码*", "组织类型*", "层级*", "领域*", "组织编码", "任期开始", "任期结束", "排序"]],
    )
    assert empty.status_code == 422 and error_code(empty) == "empty_import"
    assert _upload(api.as_("ta_secretary"), "/imports/orgs", [["名称*"]]).status_code == 403
