"""python -m app migrate | serve | create-admin | demo | openapi"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from app.core.config import get_settings

ROOT = Path(__file__).resolve().parent.parent


def alembic_config() -> object:
    from alembic.config import Config

    return Config(str(ROOT / "alembic.ini"))


def cmd_migrate(_: argparse.Namespace) -> int:
    from alembic import command

    command.upgrade(alembic_config(), "head")  # type: ignore[arg-type]
    print("数据库已迁移到最新版本")
    return 0


def _pending_migrations() -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from app.core.db import get_database

    script = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    with get_database().engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    return current != set(script.get_heads())


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    if _pending_migrations():
        print("数据库结构不是最新版本，请先运行：python -m app migrate", file=sys.stderr)
        return 2
    print(
        f"党建工作管理平台已启动：http://{args.host}:{args.port}/  （接口文档：http://{args.host}:{args.port}/docs）",
        flush=True,
    )
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=get_settings().log_level.lower(),
        proxy_headers=True,
    )
    return 0


def _read_password() -> str:
    password = os.environ.get("ADMIN_PASSWORD")
    if password:
        return password
    if sys.stdin.isatty():
        first = getpass.getpass("管理员密码：")
        if first != getpass.getpass("再次输入密码："):
            raise SystemExit("两次输入的密码不一致")
        return first
    return sys.stdin.readline().rstrip("\n")


def cmd_create_admin(args: argparse.Namespace) -> int:
    from pydantic import TypeAdapter, ValidationError

    from app.accounts.schemas import Password, Username
    from app.core.db import get_database
    from app.demo.accounts import create_admin

    try:
        username = TypeAdapter(Username).validate_python(args.username)
        password = TypeAdapter(Password).validate_python(_read_password())
    except ValidationError as exc:
        print("用户名或密码不符合要求：" + "; ".join(e["msg"] for e in exc.errors()), file=sys.stderr)
        return 2
    with get_database().transaction() as session:
        message = create_admin(session, username, password, org_name=args.org_name)
    print(message)
    return 0


def cmd_demo(_: argparse.Namespace) -> int:
    from app.core.db import get_database
    from app.demo import load_demo

    with get_database().transaction() as session:
        summary = load_demo(session, get_settings().demo_password)
    print(summary)
    return 0


def cmd_remind(_: argparse.Namespace) -> int:
    from app.ops.jobs import run_reminders

    counts = run_reminders()
    total = sum(counts.values())
    detail = "，".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "无新提醒"
    print(f"提醒任务完成：新增 {total} 条（{detail}）")
    return 0


def cmd_openapi(args: argparse.Namespace) -> int:
    from app.main import create_app

    text = json.dumps(create_app().openapi(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description="党建工作管理平台")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="应用数据库迁移").set_defaults(fn=cmd_migrate)
    serve = sub.add_parser("serve", help="启动 API 与前端")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(fn=cmd_serve)
    admin = sub.add_parser("create-admin", help="创建管理员（密码取自 ADMIN_PASSWORD 或标准输入）")
    admin.add_argument("username")
    admin.add_argument("--org-name", default="中共某县委员会", help="尚无组织时创建的根组织名称")
    admin.set_defaults(fn=cmd_create_admin)
    sub.add_parser("demo", help="向空数据库载入演示数据").set_defaults(fn=cmd_demo)
    sub.add_parser("remind", help="运行一次提醒任务（到期、超期、月报、换届等）").set_defaults(fn=cmd_remind)
    openapi = sub.add_parser("openapi", help="输出 OpenAPI 文档")
    openapi.add_argument("--output", "-o")
    openapi.set_defaults(fn=cmd_openapi)
    return parser


def main(argv: list[str] | None = None) -> int:
    from pydantic import ValidationError

    args = build_parser().parse_args(argv)
    try:
        get_settings()
    except ValidationError as exc:
        reasons = "; ".join(str(e.get("ctx", {}).get("error", e["msg"])) for e in exc.errors())
        print(f"配置错误，拒绝启动：{reasons}", file=sys.stderr)
        return 2
    try:
        return int(args.fn(args))
    except RuntimeError as exc:  # domain refusals from the commands (e.g. demo on a non-empty database)
        print(str(exc), file=sys.stderr)
        return 2
