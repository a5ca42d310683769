"""Per-domain test inventories. Each `tests/<domain>/scenarios.py` may define:

    WRITES       {(method, path): Write(...)}       every write route: it must leave an audit row and an event
    NOT_AUDITED  {(method, path)}                    writes that change no domain object (with a comment why)
    LISTS        {path: row -> org id}               list endpoints for the scope matrix
    DETAILS      {path: list path | "custom"}        detail endpoints, ids taken from that list
    GET_EXEMPT   {path: reason}                      reads outside the matrix, each with its reason
    activity(api)                                    creates rows in both sibling subtrees

The inventory tests collect them all, so a new endpoint cannot skip its audit or scope test.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import tests


@dataclass(frozen=True)
class Write:
    actor: str | None  # None: a public route, audited with no actor (and its client address)
    call: Callable[[Any], Any]  # (api) -> response
    object_type: str
    action: str
    object_id: Callable[[Any, Any], str]  # (api, response) -> id of the audited object
    emits_event: bool = True
    # For deletes: (api) -> id of the object to delete, prepared before the call, which then gets (api, id).
    before: Callable[[Any], str] | None = None


def created_id(_: Any, response: Any) -> str:
    return str(response.json()["id"])


def _modules() -> list[Any]:
    found = []
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                found.append(importlib.import_module(f"tests.{info.name}.scenarios"))
            except ModuleNotFoundError as exc:
                if exc.name != f"tests.{info.name}.scenarios":
                    raise
    return found


def merged(name: str) -> Any:
    result: Any = None
    for module in _modules():
        part = getattr(module, name, None)
        if part is None:
            continue
        result = part.copy() if result is None else (result | part)
    return result if result is not None else {}


def activities() -> list[Callable[[Any], None]]:
    return [m.activity for m in _modules() if hasattr(m, "activity")]
