"""Inventory entries for statistics (see tests/support/inventory.py)."""

GET_EXEMPT = {
    "/api/v1/stats/overview": "aggregates of one org's subtree; sibling org → 404 tested in tests/stats",
    "/api/v1/stats/ranking": "aggregates of one org's children; sibling org → 404 tested in tests/stats",
}
