"""The printable page: Chinese, numbered, the problems and rankings, and no way for user text to become markup."""

from datetime import UTC, datetime

from tests.bulletins.helpers import draft, publish
from tests.problems.helpers import issue

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_print_view_of_a_published_bulletin(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    problem = issue(api, "va1", category="long_term", deadline="2026-12-31")
    body = draft(
        api,
        problem_ids=[problem["id"]],
        ranking_title="各乡镇问题整改销号率排名（%）",
        rankings=[
            {"org_id": api.world.org_id("tb"), "rank": 1, "value": 92.5, "note": "整改及时"},
            {"org_id": api.world.org_id("ta"), "rank": 2, "value": 80.0},
        ],
        body="一是党员大会未按期召开。\n二是“三会一课”记录不规范。",
    )
    publish(api, body)
    response = api.as_("va2_secretary").get(f"/bulletins/{body['id']}/print")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "script-src" not in response.headers["content-security-policy"]
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    page = response.text
    assert '<html lang="zh-CN">' in page and "@page" in page and "@media print" in page
    for expected in (
        "问题通报",
        "2026年第1期",
        "测试县委",
        "2026年11月20日",
        "一、通报问题",
        "甲一村党支部",
        "“三会一课”记录不规范，党员大会未按期召开",
        "长期整治",
        "待整改",
        "2026年12月31日",
        "二、各乡镇问题整改销号率排名（%）",
        "<td>乙镇党委</td>",
        "92.5",
        "<p>二是“三会一课”记录不规范。</p>",
    ):
        assert expected in page, expected
    assert page.index("乙镇党委") < page.index("甲镇党委")  # the author's order


def test_print_view_escapes_everything_a_user_wrote(api):
    problem = issue(api, "va1", description=HOSTILE)
    body = draft(
        api,
        title=HOSTILE,
        summary=HOSTILE,
        body=f"第一段{HOSTILE}\n第二段",
        problem_ids=[problem["id"]],
        ranking_title=HOSTILE,
        rankings=[{"org_id": api.world.org_id("ta"), "rank": 1, "note": HOSTILE}],
    )
    page = api.as_("county_organizer").get(f"/bulletins/{body['id']}/print").text
    assert "<script" not in page and "<img" not in page and "onerror=alert(1)>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    # <title>, heading, summary, body, the problem, the ranking's title and its note
    assert page.count("&lt;script&gt;") == 7
    assert "草稿（未发布）" in page


def test_print_view_follows_the_bulletins_scope(api):
    body = draft(api, "ta", "ta_organizer", rankings=[{"org_id": api.world.org_id("va1"), "rank": 1}])
    assert api.as_("va1_secretary").get(f"/bulletins/{body['id']}/print").status_code == 404  # a draft
    assert api.as_("ta_organizer").get(f"/bulletins/{body['id']}/print").status_code == 200
    publish(api, body, by="ta_organizer")
    assert api.as_("va1_secretary").get(f"/bulletins/{body['id']}/print").status_code == 200
    assert api.as_("vb1_secretary").get(f"/bulletins/{body['id']}/print").status_code == 404
    assert api.as_("tb_admin").get(f"/bulletins/{body['id']}/print").status_code == 404
