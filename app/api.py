"""Routers. Protected is the default: a route is public only by being listed on `public_router` here."""

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from app.accounts.router import assignments as assignments_router
from app.accounts.router import users as users_router
from app.attachments.router import router as attachments_router
from app.audit.router import router as audit_router
from app.auth.router import protected as auth_protected
from app.auth.router import public as auth_public
from app.bulletins.router import router as bulletins_router
from app.cases.router import cases_router, feedback_router, library_router, rounds_router
from app.cases.router import public_router as cases_public
from app.contacts.router import contact_points as contact_points_router
from app.contacts.router import visits_router
from app.events.router import router as events_router
from app.excel.ledgers import router as ledger_exports
from app.excel.router import exports as backbone_exports
from app.excel.router import imports_router
from app.kit.schemas import error_responses
from app.meta.router import router as meta_router
from app.notifications.router import router as notifications_router
from app.orgs.router import router as orgs_router
from app.problems.router import exports as problem_exports
from app.problems.router import inspections as inspections_router
from app.problems.router import problems as problems_router
from app.projects.router import campaigns as project_campaigns_router
from app.projects.router import projects as projects_router
from app.responsibilities.router import letters as responsibility_letters_router
from app.responsibilities.router import responsibility_items as responsibility_items_router
from app.scoring.router import router as scoring_router
from app.service_accounts.router import router as service_accounts_router
from app.stats.router import router as stats_router
from app.tasks.router import task_assignments as task_assignments_router
from app.tasks.router import task_lists as task_lists_router
from app.tasks.router import tasks as tasks_router
from app.webhooks.router import router as webhooks_router

PREFIX = "/api/v1"
# 公示: the announcement and its objections are public by SPEC §5.1 ("readable without login").
PUBLIC_ROUTERS = (auth_public, meta_router, cases_public)
PROTECTED_ROUTERS = (
    auth_protected,
    orgs_router,
    users_router,
    assignments_router,
    audit_router,
    events_router,
    attachments_router,
    problems_router,
    inspections_router,
    notifications_router,
    webhooks_router,
    service_accounts_router,
    stats_router,
    backbone_exports,
    problem_exports,
    ledger_exports,
    imports_router,
    bulletins_router,
    contact_points_router,
    visits_router,
    scoring_router,
    rounds_router,
    cases_router,
    library_router,
    feedback_router,
    project_campaigns_router,
    projects_router,
    responsibility_letters_router,
    responsibility_items_router,
    task_lists_router,
    tasks_router,
    task_assignments_router,
)
PUBLIC_RESPONSES = error_responses(400, 401, 413, 422, 429)
PROTECTED_RESPONSES = error_responses(400, 401, 403, 404, 409, 412, 413, 422)


def install_api(app: FastAPI) -> None:
    """Every API route as a plain route of the app's router. `include_router` (FastAPI 0.165) keeps included
    routers as nested matchers that walk all their routes twice per request, and with thirty-five routers
    that matching was a third of a request's CPU; the app's own routes are matched once, in a flat list."""
    for routers, responses in ((PUBLIC_ROUTERS, PUBLIC_RESPONSES), (PROTECTED_ROUTERS, PROTECTED_RESPONSES)):
        for router in routers:
            for route in router.routes:
                if not isinstance(route, APIRoute):
                    raise TypeError(f"{route!r}: only path operations belong on API routers")
                _copy_route(app, route, responses)


def _copy_route(app: FastAPI, route: APIRoute, responses: dict[int | str, dict[str, Any]]) -> None:
    app.router.add_api_route(
        PREFIX + route.path,
        route.endpoint,
        response_model=route.response_model,
        status_code=route.status_code,
        tags=route.tags,
        dependencies=route.dependencies,
        summary=route.summary,
        description=route.description,
        response_description=route.response_description,
        responses={**responses, **route.responses},
        deprecated=route.deprecated,
        methods=route.methods,
        operation_id=route.operation_id,
        response_model_include=route.response_model_include,
        response_model_exclude=route.response_model_exclude,
        response_model_by_alias=route.response_model_by_alias,
        response_model_exclude_unset=route.response_model_exclude_unset,
        response_model_exclude_defaults=route.response_model_exclude_defaults,
        response_model_exclude_none=route.response_model_exclude_none,
        include_in_schema=route.include_in_schema,
        response_class=route.response_class,
        name=route.name,
        callbacks=route.callbacks,
        openapi_extra=route.openapi_extra,
        generate_unique_id_function=route.generate_unique_id_function,
    )
