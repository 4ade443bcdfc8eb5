"""Pages for people on the desk's side: your own account, and (for admins) the teams and the agents.

A new or reset password is shown once, in the answer to the admin's request, and never stored in clear.
"""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from humanly.desk.audit import record
from humanly.people.actions import do_create_agent, do_reset_password, do_save_team, do_update_agent
from humanly.people.models import Agent, Team


def _agent(request: HttpRequest) -> Agent:
    assert isinstance(request.user, Agent)
    return request.user


def _admin(request: HttpRequest) -> Agent:
    agent = _agent(request)
    if not agent.is_admin:
        raise PermissionDenied("only an admin can change teams and agents")
    return agent


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """Your name, address and password."""
    agent = _agent(request)
    saved = ""
    password_form = PasswordChangeForm(agent)
    if request.method == "POST" and request.POST.get("form") == "profile":
        agent.first_name = request.POST.get("first_name", "").strip()[:150]
        agent.last_name = request.POST.get("last_name", "").strip()[:150]
        agent.email = request.POST.get("email", "").strip()[:254]
        agent.save(update_fields=["first_name", "last_name", "email"])
        record(agent, "agent.profile", agent)
        saved = "Your details are saved."
    elif request.method == "POST" and request.POST.get("form") == "password":
        password_form = PasswordChangeForm(agent, request.POST)
        if password_form.is_valid():
            password_form.save()
            update_session_auth_hash(request, agent)  # stay signed in here; other sessions end
            record(agent, "agent.password_changed", agent)
            password_form = PasswordChangeForm(agent)
            saved = "Your password is changed."
    return render(
        request,
        "web/account.html",
        {"saved": saved, "password_form": password_form, "teams": agent.teams.order_by("name")},
    )


@login_required
def teams(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    problem = ""
    if request.method == "POST":
        team = get_object_or_404(Team, pk=request.POST["team"]) if request.POST.get("team") else None
        try:
            do_save_team(actor, request.POST.get("name", ""), team)
            return redirect("web:teams")
        except ValueError as exc:
            problem = str(exc)
    found = Team.objects.annotate(
        members=Count("agents", filter=Q(agents__is_active=True), distinct=True),
        open=Count("conversations", filter=Q(conversations__status="open"), distinct=True),
    ).order_by("name")
    return render(request, "web/teams.html", {"teams": found, "problem": problem})


def _chosen_teams(request: HttpRequest) -> list[Team]:
    ids = [int(i) for i in request.POST.getlist("teams") if i.isdigit()]
    return list(Team.objects.filter(pk__in=ids))


@login_required
def agents(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    problem, created, password = "", None, ""
    values = {"username": "", "first_name": "", "last_name": "", "email": "", "role": "agent"}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        try:
            created, password = do_create_agent(actor, teams=_chosen_teams(request), **values)
            values = {k: "agent" if k == "role" else "" for k in values}
        except ValueError as exc:
            problem = str(exc)
    everyone = Agent.objects.prefetch_related("teams").order_by("-is_active", "username")
    return render(
        request,
        "web/agents.html",
        {
            "agents": everyone,
            "teams": Team.objects.order_by("name"),
            "roles": Agent.Role,
            "problem": problem,
            "created": created,
            "password": password,
            "values": values,
        },
    )


@login_required
def agent(request: HttpRequest, agent_id: int) -> HttpResponse:
    actor = _admin(request)
    person = get_object_or_404(Agent, pk=agent_id)
    problem, password, saved = "", "", ""
    if request.method == "POST":
        try:
            if request.POST.get("reset"):
                password = do_reset_password(actor, person)
            else:
                do_update_agent(
                    actor,
                    person,
                    role=request.POST.get("role"),
                    teams=_chosen_teams(request),
                    active=request.POST.get("active") == "on",
                )
                saved = "Saved."
        except ValueError as exc:
            problem = str(exc)
        person.refresh_from_db()
    return render(
        request,
        "web/agent.html",
        {
            "person": person,
            "member_of": set(person.teams.values_list("pk", flat=True)),
            "teams": Team.objects.order_by("name"),
            "roles": Agent.Role,
            "problem": problem,
            "password": password,
            "saved": saved,
        },
    )
