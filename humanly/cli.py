"""The ``humanly`` command. Engine commands never import the web application."""

from __future__ import annotations

import dataclasses
import functools
import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from humanly import __version__

if TYPE_CHECKING:
    from humanly.engine import Analysis, Draft, ToneReport

SMALL_BATCH = 48


def _analyze_worker(intents_file: str | None, threads: int) -> Any:
    """One process's analyze function over rows of {id, text}."""
    import humanly.engine

    engine = humanly.engine.load(intents_file=Path(intents_file) if intents_file else None, threads=threads)

    def work(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"analysis": a.to_dict()} for a in engine.analyze_many([r["text"] for r in rows])]

    return work


def _check_worker(threads: int) -> Any:
    """One process's check-reply function over rows of {id, reply, customer?}."""
    import humanly.engine

    engine = humanly.engine.load(threads=threads)

    def work(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        reports = engine.check_replies([r["reply"] for r in rows], [r.get("customer") for r in rows])
        return [{"report": r.to_dict()} for r in reports]

    return work


def _llm(url: str, model: str) -> Any:
    """The language model endpoint, when one is set; its key only ever comes from HUMANLY_LLM_KEY."""
    import os

    from humanly.engine import LLMConfig

    return LLMConfig(url=url, model=model, key=os.environ.get("HUMANLY_LLM_KEY", "")) if url else None


def _draft_worker(kb: str | None, voice: dict[str, Any], llm_url: str, llm_model: str, threads: int) -> Any:
    """One process's draft function over rows of {id, text, thread?, customer?}."""
    import humanly.engine
    from humanly.engine.drafting import profile_of, split_thread, thread_of

    engine = humanly.engine.load(threads=threads, llm=_llm(llm_url, llm_model))
    knowledge = engine.knowledge(Path(kb) if kb else None)
    base = humanly.engine.DraftContext(knowledge=knowledge, voice=humanly.engine.Voice(**voice))

    def work(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for row in rows:
            earlier, message = split_thread(thread_of(row.get("thread") or []), row["text"])
            profile = (
                profile_of(row["customer"]) if row.get("customer") is not None else humanly.engine.Profile()
            )
            context = dataclasses.replace(
                base, thread=earlier, profile=profile, instruction=row.get("instruction") or ""
            )
            out.append({"draft": engine.draft_reply(message, context).to_dict()})
        return out

    return work


def _problem(parse: Any) -> Any:
    def check(value: Any) -> str | None:
        try:
            parse(value)
        except ValueError as exc:
            return str(exc)
        return None

    return check


def _count_lines(path: str) -> int | None:
    if path == "-":
        return None
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def _check_intents(intents_file: str | None) -> None:
    """Refuse a broken intents file before any worker process starts."""
    if intents_file:
        from humanly.engine.intents import CatalogueError, load_catalogue

        try:
            load_catalogue(Path(intents_file))
        except CatalogueError as exc:
            raise click.ClickException(str(exc)) from exc


def _run_batch(
    input_path: str,
    output_path: str,
    required: tuple[str, ...],
    worker: Any,
    workers: int,
    quiet: bool,
    optional: tuple[str, ...] = (),
    doing: str = "analysing",
    structured: dict[str, Any] | None = None,
) -> None:
    """``worker(threads)`` builds one process's engine: two threads alone, one each beside another worker."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from humanly import batch

    total = _count_lines(input_path)
    if workers <= 0:
        workers = batch.default_workers()
    if total is not None and total < SMALL_BATCH:
        workers = 1
    factory = functools.partial(worker, 2 if workers == 1 else 1)
    console = Console(stderr=True)
    source: IO[str] = sys.stdin if input_path == "-" else open(input_path, encoding="utf-8", errors="replace")  # noqa: SIM115
    target: IO[str] = sys.stdout if output_path == "-" else open(output_path, "w", encoding="utf-8")  # noqa: SIM115
    try:
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            disable=quiet,
            transient=False,
        ) as progress:
            task = progress.add_task(doing, total=total)
            written, failed = batch.run(
                batch.read_items(source, required, optional, structured),
                factory,
                target,
                workers=workers,
                on_done=lambda n: progress.advance(task, n),
            )
    finally:
        if source is not sys.stdin:
            source.close()
        if target is not sys.stdout:
            target.close()
    console.print(f"{written} lines written, {failed} failed", style="red" if failed else "green")
    if failed:
        sys.exit(1)


def _batch_options(command: Any) -> Any:
    """--output, --workers and --quiet, shared by every verb's JSONL batches."""
    command = click.option("--quiet", is_flag=True, help="No progress bar.")(command)
    command = click.option(
        "--workers", type=int, default=0, help="Processes for --input (default: all cores, at most 2)."
    )(command)
    return click.option(
        "--output",
        "output_path",
        default="-",
        show_default=True,
        help="Where JSONL results go ('-' for stdout).",
    )(command)


def _format_option(command: Any) -> Any:
    return click.option(
        "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
    )(command)


@click.group()
@click.version_option(__version__, prog_name="humanly")
def main() -> None:
    """humanly: customer service is human service."""


@main.command()
@click.argument("text", required=False)
@_format_option
@click.option("--input", "input_path", help="JSONL file of {id, text} objects ('-' for stdin).")
@click.option(
    "--intents",
    "intents_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Your own intents (TOML/YAML).",
)
@_batch_options
def analyze(
    text: str | None,
    fmt: str,
    input_path: str | None,
    output_path: str,
    intents_file: str | None,
    workers: int,
    quiet: bool,
) -> None:
    """Read a customer's message: feelings, asks, intents, expectations, flags and needs.

    TEXT is the message ('-' reads it from stdin). With --input, reads JSONL and writes one
    {"id", "analysis"} line per input line, in order; a bad line gets {"id", "line", "error"}
    and the exit status is 1.
    """
    if input_path:
        if text:
            raise click.UsageError("give TEXT or --input, not both")
        _check_intents(intents_file)
        _run_batch(
            input_path,
            output_path,
            ("text",),
            functools.partial(_analyze_worker, intents_file),
            workers,
            quiet,
        )
        return
    if text is None:
        raise click.UsageError('give a message to read, e.g. humanly analyze "Where is my order?"')
    if text == "-":
        text = sys.stdin.read()
    import humanly.engine

    try:
        engine = humanly.engine.load(intents_file=Path(intents_file) if intents_file else None)
    except humanly.engine.CatalogueError as exc:
        raise click.ClickException(str(exc)) from exc
    reading = engine.analyze(text)
    if fmt == "json":
        click.echo(json.dumps(reading.to_dict(), ensure_ascii=False, indent=2))
    else:
        show_reading(reading)


@main.command("check-reply")
@click.argument("draft", required=False)
@click.option("--to", "message", help="The customer's message the draft answers ('-' reads it from stdin).")
@_format_option
@click.option("--input", "input_path", help="JSONL file of {id, reply, customer?} objects ('-' for stdin).")
@_batch_options
def check_reply(
    draft: str | None,
    message: str | None,
    fmt: str,
    input_path: str | None,
    output_path: str,
    workers: int,
    quiet: bool,
) -> None:
    """Check a draft reply before it is sent: what may land badly, why, and a calmer wording.

    DRAFT is the reply ('-' reads it from stdin); --to gives the customer's message, so the
    check can also say what the reply leaves out. With --input, reads JSONL and writes one
    {"id", "report"} line per input line, in order; a bad line gets {"id", "line", "error"}
    and the exit status is 1.
    """
    if input_path:
        if draft or message:
            raise click.UsageError("give DRAFT (and --to) or --input, not both")
        _run_batch(
            input_path, output_path, ("reply",), _check_worker, workers, quiet, ("customer",), "checking"
        )
        return
    if draft is None:
        raise click.UsageError(
            'give a draft to check, e.g. humanly check-reply "As I said, it ships Monday." --to "Where is it?"'
        )
    if draft == "-" and message == "-":
        raise click.UsageError("only one of DRAFT and --to can come from stdin")
    if draft == "-":
        draft = sys.stdin.read()
    if message == "-":
        message = sys.stdin.read()
    import humanly.engine

    report = humanly.engine.load().check_reply(draft, message)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        show_report(report)


@main.command()
@click.argument("message", required=False)
@click.option(
    "--kb",
    type=click.Path(exists=True, file_okay=False),
    help="Folder of Markdown articles (default: the demo business's knowledge base).",
)
@click.option(
    "--thread",
    "thread_file",
    type=click.Path(exists=True, dir_okay=False),
    help="JSON file: the conversation so far, a list of {role: customer|agent, text}.",
)
@click.option(
    "--instruction",
    default="",
    help='What you want the reply to do, e.g. "refuse the refund kindly, offer a credit".',
)
@click.option("--name", default="", help="The customer's name (else read from how they signed).")
@click.option("--tone", type=click.Choice(["warm", "formal"]), default="warm", show_default=True)
@click.option("--signature", default="", help='How replies are signed, e.g. "Alex\\nBrightwater Academy".')
@click.option(
    "--llm-url",
    envvar="HUMANLY_LLM_URL",
    default="",
    help="OpenAI-compatible API base for more natural prose, e.g. http://127.0.0.1:8080/v1 "
    "(env HUMANLY_LLM_URL; the key comes from HUMANLY_LLM_KEY only).",
)
@click.option(
    "--llm-model", envvar="HUMANLY_LLM_MODEL", default="", help="The model name (env HUMANLY_LLM_MODEL)."
)
@_format_option
@click.option(
    "--input", "input_path", help="JSONL file of {id, text, thread?, customer?, instruction?} objects."
)
@_batch_options
def draft(
    message: str | None,
    kb: str | None,
    thread_file: str | None,
    instruction: str,
    name: str,
    tone: str,
    signature: str,
    llm_url: str,
    llm_model: str,
    fmt: str,
    input_path: str | None,
    output_path: str,
    workers: int,
    quiet: bool,
) -> None:
    """Draft a reply to a customer's message, grounded in a knowledge base.

    MESSAGE is what the customer wrote ('-' reads it from stdin; with --thread it defaults to the
    thread's last customer turn). Gaps the knowledge cannot answer are marked [Answer here: ...].
    Nothing is sent. With --input, reads JSONL and writes one {"id", "draft"} line per input line.
    """
    from humanly.engine.drafting import split_thread, thread_of

    voice = {"tone": tone, "signature": signature.replace("\\n", "\n")}
    if input_path:
        if message or thread_file:
            raise click.UsageError("give MESSAGE (and --thread) or --input, not both")
        _run_batch(
            input_path,
            output_path,
            ("text",),
            functools.partial(_draft_worker, kb, voice, llm_url, llm_model),
            workers,
            quiet,
            ("instruction",),
            "drafting",
            {"thread": _problem(thread_of), "customer": _problem(_profile_check)},
        )
        return
    if message == "-":
        message = sys.stdin.read()
    turns: tuple[Any, ...] = ()
    if thread_file:
        try:
            turns = thread_of(json.loads(Path(thread_file).read_text(encoding="utf-8")))
        except (ValueError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{thread_file}: {exc}") from exc
    if message is None and not turns:
        raise click.UsageError('give a message to answer, e.g. humanly draft "Can I pay in instalments?"')
    try:
        earlier, message = split_thread(turns, message)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    import humanly.engine

    engine = humanly.engine.load(llm=_llm(llm_url, llm_model))
    try:
        knowledge = engine.knowledge(Path(kb) if kb else None)
    except humanly.engine.KnowledgeError as exc:
        raise click.ClickException(str(exc)) from exc
    for problem in knowledge.problems:
        click.echo(f"skipped {problem.path}: {problem.reason}", err=True)
    context = humanly.engine.DraftContext(
        thread=earlier,
        profile=humanly.engine.Profile(name=name),
        voice=humanly.engine.Voice(tone=tone, signature=voice["signature"]),  # type: ignore[arg-type]
        knowledge=knowledge,
        instruction=instruction,
    )
    result = engine.draft_reply(message, context)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        show_draft(result)


def _profile_check(value: Any) -> Any:
    from humanly.engine.drafting import profile_of

    return profile_of(value)


def show_draft(result: Draft) -> None:
    """The draft with its gaps highlighted, then the stage, its sources and what is left to the agent."""
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console()
    body = Text(result.text)
    for gap in result.gaps:
        at = result.text.find(gap.text)
        if at >= 0:
            body.stylize("black on yellow", at, at + len(gap.text))
    console.print(
        Panel(
            body, title="draft", title_align="left", subtitle=f"stage: {result.stage}", subtitle_align="right"
        )
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", justify="right")
    grid.add_column()
    grid.add_row(
        "stage", f"{result.stage.replace('_', ' ')} (customer {result.trajectory.replace('_', '-')})"
    )
    grid.add_row("confidence", f"{result.confidence:.2f}")
    seen: list[str] = []
    for part in result.parts:
        if part.source is not None and part.source.article_id not in seen:
            seen.append(part.source.article_id)
            where = f" > {part.source.section}" if part.source.section else ""
            grid.add_row(
                "source" if len(seen) == 1 else "",
                Text(f"{part.source.title}{where}  [{part.source.article_id}]"),
            )
    for n, gap in enumerate(result.gaps, 1):
        grid.add_row(
            Text("gap" if n == 1 else "", style="yellow"),
            Text(f"{' '.join(gap.ask.text.split())}  ({gap.why})"),
        )
    for note in result.notes:
        grid.add_row(Text("note", style="red"), Text(note))
    console.print(grid)


def _django() -> None:
    """Set up the desk's Django (settings from the environment, docs/settings.md)."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "humanly.desk.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except (ImproperlyConfigured, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
def migrate() -> None:
    """Create or update the desk's database tables (HUMANLY_DATABASE_URL, default SQLite)."""
    _django()
    from django.conf import settings
    from django.core.management import call_command

    database = settings.DATABASES["default"]
    if str(database["ENGINE"]).endswith("sqlite3"):
        Path(str(database["NAME"])).parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=1)


@main.command()
@click.argument("username")
@click.option("--email", default="", help="The admin's email address.")
@click.option("--team", "team_name", default="Support", show_default=True, help="A team to put the admin in.")
@click.password_option(help="The admin's password (asked for when not given).")
def createadmin(username: str, email: str, team_name: str, password: str) -> None:
    """Create an admin who can sign in to the desk."""
    _django()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils.text import slugify

    from humanly.people.models import Agent, Team

    if Agent.objects.filter(username=username).exists():
        raise click.ClickException(f"an agent called {username!r} already exists")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise click.ClickException(" ".join(exc.messages)) from exc
    admin = Agent.objects.create_user(username, email=email, password=password, role=Agent.Role.ADMIN)
    team, _ = Team.objects.get_or_create(slug=slugify(team_name) or "support", defaults={"name": team_name})
    admin.teams.add(team)
    click.echo(f"admin {username} created, in team {team.name}")


class _TokenCommands(click.Group):
    """``humanly token USERNAME`` still issues a token: a first word that names no command means ``issue``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] != "--help":
            args = ["issue", *args]
        return super().parse_args(ctx, args)


@main.group(cls=_TokenCommands)
def token() -> None:
    """API tokens: issue, list and revoke (docs/api.md). `humanly token USERNAME` issues one."""


def _token_agent(username: str, *, active: bool = False) -> Any:
    from humanly.people.models import Agent

    found = Agent.objects.filter(username=username)
    agent = (found.filter(is_active=True) if active else found).first()
    if agent is None:
        raise click.ClickException(f"no {'active ' if active else ''}agent called {username!r}")
    return agent


def _token_line(prefix: str, agent: str, name: str, issued: str, used: str) -> str:
    return f"{prefix:<12}  {agent:<20}  {name:<20}  {issued:<16}  {used}"


def _token_row(found: Any) -> str:
    used = f"{found.last_used:%Y-%m-%d %H:%M}" if found.last_used else "never"
    return _token_line(
        found.prefix or "-", found.agent.username, found.name, f"{found.created:%Y-%m-%d %H:%M}", used
    )


@token.command("issue")
@click.argument("username")
@click.option("--name", "token_name", default="api", show_default=True, help="What the token is for.")
def token_issue(username: str, token_name: str) -> None:
    """Issue an API token for an agent. It is shown once; only a hash of it is kept."""
    _django()
    from humanly.api.actions import do_issue_token

    _, secret = do_issue_token(_token_agent(username, active=True), token_name)
    click.echo(secret)


@token.command("list")
@click.option("--agent", "username", help="Only this agent's tokens.")
def token_list(username: str | None) -> None:
    """The tokens: prefix, agent, name, when issued and when last used (never the token itself)."""
    _django()
    from humanly.api.actions import matching_tokens

    found = matching_tokens(agent=_token_agent(username) if username else None)
    if not found:
        click.echo("no tokens")
        return
    click.echo(_token_line("prefix", "agent", "name", "issued (UTC)", "last used"))
    for each in found:
        click.echo(_token_row(each))


@token.command("revoke")
@click.argument("name_or_prefix", required=False, default="")
@click.option("--agent", "username", help="Only this agent's tokens; alone, all of them.")
@click.option("--all", "every", is_flag=True, help="Revoke every token NAME_OR_PREFIX matches, not just one.")
def token_revoke(name_or_prefix: str, username: str | None, every: bool) -> None:
    """Revoke tokens, named by NAME_OR_PREFIX (a token's name, its prefix as `token list` shows it, or the
    token itself), by --agent, or both. A request with a revoked token is refused (401)."""
    if not name_or_prefix and not username:
        raise click.UsageError("name a token (its name or prefix), or give --agent")
    _django()
    from humanly.api.actions import do_revoke_tokens, matching_tokens

    found = list(matching_tokens(name_or_prefix, _token_agent(username) if username else None))
    if not found:
        raise click.ClickException("no token matches")
    if name_or_prefix and len(found) > 1 and not every:
        lines = "\n".join(_token_row(each) for each in found)
        raise click.ClickException(
            f"{len(found)} tokens match; name one by its prefix, or add --all:\n{lines}"
        )
    for each in do_revoke_tokens(found):
        click.echo(f"revoked {each.prefix or each.name} ({each.agent.username}, {each.name})")


@main.command()
@click.argument("username")
def unlock(username: str) -> None:
    """Let an agent sign in again after too many failed attempts (the lock otherwise lifts in an hour)."""
    _django()
    from axes.utils import reset

    from humanly.desk.audit import record
    from humanly.people.models import Agent

    agent = Agent.objects.filter(username=username).first()
    if agent is None:
        raise click.ClickException(f"no agent called {username!r}")
    cleared = reset(username=username)
    if cleared:
        record(None, "agent.unlocked", agent, failed_attempts_cleared=cleared)
    click.echo(f"{username} can sign in again" if cleared else f"{username} was not locked")


def serving_options(threads: int) -> dict[str, Any]:
    """How waitress serves the desk: forwarded headers are believed from the trusted proxy only, and
    dropped from anyone else, so behind HTTPS the desk sees the scheme and the client's address."""
    from django.conf import settings

    options: dict[str, Any] = {"threads": threads, "ident": "humanly", "clear_untrusted_proxy_headers": True}
    if settings.TRUSTED_PROXY:
        options |= {
            "trusted_proxy": settings.TRUSTED_PROXY,
            "trusted_proxy_count": 1,
            "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
        }
    return options


def _port_free(host: str, port: int) -> None:
    """Refuse at once, and plainly, when something already listens where the desk would."""
    import errno
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise click.ClickException(
                    f"port {port} on {host} is already in use (another desk?): choose another with --port"
                ) from exc
            raise click.ClickException(f"cannot serve on {host}:{port}: {exc.strerror}") from exc


def _serve(host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    from humanly.desk.wsgi import application

    _port_free(host, port)
    waitress_serve(application, host=host, port=port, **serving_options(threads))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve(host: str, port: int, threads: int) -> None:
    """Serve the desk (production settings from the environment; run `humanly migrate` first)."""
    _django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    _port_free(host, port)
    click.echo(f"humanly is serving on http://{host}:{port}/")
    _serve(host, port, threads)


@main.command()
@click.option(
    "--concurrency", default=2, show_default=True, type=click.IntRange(1), help="Tasks run at once (threads)."
)
def worker(concurrency: int) -> None:
    """Run the desk's tasks from HUMANLY_BROKER_URL (the scaled-out mode; run `humanly serve` beside it)."""
    _django()
    from django.conf import settings

    if not settings.BROKER_URL:
        raise click.ClickException(
            "HUMANLY_BROKER_URL is empty: set it to the Redis the desk sends tasks to "
            "(e.g. redis://127.0.0.1:6379/0), for `humanly serve` and `humanly worker` alike. "
            "Without it `humanly serve` runs its tasks itself and needs no worker."
        )
    from humanly.workers.celery import app

    # A pool of threads, not of processes: every thread shares one engine (its models are loaded once per
    # worker, not once per process), and the engine's ONNX inference releases the GIL, so the threads do
    # run at once. The engine runs one inference thread per task, so --concurrency is about the cores given.
    # For more, start more workers (on more machines): they share the queue.
    app.worker_main(
        [
            "worker",
            "--pool",
            "threads",
            f"--concurrency={concurrency}",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
        ]
    )


@main.command()
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    help="Where the demo's SQLite database goes (default: the demo folder in your user data directory).",
)
def demo(port: int, data_dir: str | None) -> None:
    """Open a working desk with a realistic demo business on http://127.0.0.1:PORT/."""
    import os

    from humanly.desk.config import data_dir as default_data_dir

    _port_free("127.0.0.1", port)  # before minutes of loading, not after
    folder = Path(data_dir) if data_dir else default_data_dir() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["HUMANLY_DATA_DIR"] = str(folder)
    os.environ["HUMANLY_DATABASE_URL"] = f"sqlite:///{folder / 'humanly.db'}"
    os.environ["HUMANLY_DEBUG"] = "true"  # a local demo on 127.0.0.1, with no HTTPS in front of it
    _django()
    from django.core.management import call_command

    from humanly.desk import demo as demo_data
    from humanly.people.models import Team

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not Team.objects.exists():
        click.echo("Loading the demo business (Brightwater Academy) and reading its messages...")
        made = demo_data.load()
        click.echo(
            f"  {made['customers']} customers, {made['conversations']} conversations, {made['messages']} messages"
        )
    signins = demo_data.passwords()
    click.echo(f"\nhumanly demo: http://127.0.0.1:{port}/   (data in {folder})")
    for username, password in signins.items():
        click.echo(f"  sign in as {username} with password {password}")
    click.echo("Press Ctrl+C to stop.")
    _serve("127.0.0.1", port, 8)


KIND_STYLE = "bold red"


def show_report(report: ToneReport) -> None:
    """The draft with each finding highlighted and numbered, then what each means and what to do."""
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from humanly.engine.tone import PAUSE_AT

    console = Console()
    marked = Text()
    at = 0
    for n, finding in enumerate(report.findings, 1):
        marked.append(report.draft[at : finding.start])
        marked.append(report.draft[finding.start : finding.end], style="black on yellow")
        marked.append(f"[{n}]", style=KIND_STYLE)
        at = finding.end
    marked.append(report.draft[at:])
    verdict = (
        Text("send", style="bold green") if report.verdict == "send" else Text("revise", style="bold yellow")
    )
    console.print(Panel(marked, title="draft", title_align="left", subtitle=verdict, subtitle_align="right"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", justify="right")
    grid.add_column()
    for n, finding in enumerate(report.findings, 1):
        line = Text()
        line.append(f"{finding.kind}: ", style=KIND_STYLE)
        line.append(finding.why)
        line.append("\n  try: ", style="dim")
        line.append(finding.suggestion or "(leave it out)", style="green")
        grid.add_row(f"[{n}]", line)
    for gap in report.missing:
        line = Text(gap.why)
        if gap.ask is not None:
            line.append(f"\n  ask: {' '.join(gap.ask.text.split())}", style="dim")
        grid.add_row(Text(gap.kind.replace("_", " "), style="yellow"), line)
    scores = report.scores
    grid.add_row(
        "tone",
        f"warmth {scores.warmth}, calm {scores.calm}, clarity {scores.clarity}, "
        f"politeness {report.politeness:.2f}, heat {report.heat:.2f}",
    )
    grid.add_row("landing", Text(f"{report.landing.reaction}: {report.landing.reason}"))
    if report.heat >= PAUSE_AT:
        grid.add_row("", Text("This reads heated. Take a breath before sending.", style="bold magenta"))
    console.print(grid)
    if report.verdict == "revise" and report.rewrite is not None:
        console.print(
            Panel(Text(report.rewrite), title="a calmer version", title_align="left", border_style="green")
        )


def show_reading(reading: Analysis) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", justify="right")
    grid.add_column()
    if not reading.language.supported:
        grid.add_row(
            "language", Text(f"{reading.language.code} (not English: the reading is rough)", style="yellow")
        )
    grid.add_row("gist", Text(reading.gist or "—"))
    emotions = reading.emotions
    feel = ", ".join(f"{label} {emotions.scores[label]:.2f}" for label in emotions.labels)
    grid.add_row(
        "feels", f"{feel}   (intensity {emotions.intensity:.2f}, sentiment {reading.sentiment:+.2f})"
    )
    if reading.asks:
        asks = Text()
        for n, ask in enumerate(reading.asks, 1):
            asks.append(f"{n}. ", style="dim")
            asks.append(f"[{ask.kind}] ", style="magenta")
            asks.append(" ".join(ask.text.split()) + ("\n" if n < len(reading.asks) else ""))
        grid.add_row("asks", asks)
    else:
        grid.add_row("asks", Text("no direct question or request", style="dim"))
    grid.add_row("intents", ", ".join(f"{i.label} {i.score:.2f}" for i in reading.intents) or "—")
    grid.add_row("expects", ", ".join(reading.expectations) or "—")
    grid.add_row("flags", Text(", ".join(reading.flags) or "—", style="red" if reading.flags else ""))
    risk_style = {"low": "green", "medium": "yellow", "high": "bold red"}[reading.escalation.risk]
    risk = Text(reading.escalation.risk, style=risk_style)
    if reading.escalation.reasons:
        risk.append(": " + "; ".join(reading.escalation.reasons))
    grid.add_row("escalation", risk)
    grid.add_row("needs", ", ".join(reading.needs) or "—")
    if reading.preferences:
        grid.add_row("prefers", Text("\n".join(f"{p.text} ({p.label})" for p in reading.preferences)))
    if reading.quoted:
        grid.add_row(
            "quoted", Text(f"{len(reading.quoted)} characters of earlier mail set aside", style="dim")
        )
    console.print(grid)


if __name__ == "__main__":
    main()
