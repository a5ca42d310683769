from tests.support.api import error_code
from tests.support.world import PASSWORD


def test_twenty_failures_per_hour_then_429_even_with_the_right_password(api, fake_clock):
    for _ in range(20):
        assert api.login("ta_secretary", "wrong-pass1").status_code == 401
    blocked = api.login("ta_secretary", PASSWORD)
    assert blocked.status_code == 429
    assert error_code(blocked) == "login_throttled"
    assert blocked.headers["retry-after"] == "3600"
    # other accounts are unaffected
    assert api.login("tb_secretary", PASSWORD).status_code == 200
    fake_clock.advance(hours=1, seconds=1)
    assert api.login("ta_secretary", PASSWORD).status_code == 200


def test_unknown_accounts_are_throttled_the_same_way(api, fake_clock):
    known = [api.login("ta_secretary", "wrong-pass1") for _ in range(21)]
    unknown = [api.login("ghost-user", "wrong-pass1") for _ in range(21)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [401] * 20 + [429]
    assert known[-1].json() == unknown[-1].json()


def test_throttle_key_ignores_case_and_spaces(api, fake_clock):
    for i in range(20):
        name = "TA_Secretary" if i % 2 else " ta_secretary "
        api.login(name, "wrong-pass1")
    assert api.login("ta_secretary", PASSWORD).status_code == 429
