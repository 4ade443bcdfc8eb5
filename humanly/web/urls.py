from __future__ import annotations

from django.contrib.auth import views as auth
from django.urls import path

from humanly.web import copilot, files, people, team_settings, views

app_name = "web"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path(
        "signin",
        auth.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("signout", auth.LogoutView.as_view(), name="logout"),
    path("conversations/<int:conversation_id>", views.conversation, name="conversation"),
    path("conversations/<int:conversation_id>/reply", views.reply, name="reply"),
    path("conversations/<int:conversation_id>/update", views.update, name="update"),
    path("conversations/<int:conversation_id>/presence", views.present, name="presence"),
    path("conversations/<int:conversation_id>/reading", views.reading, name="reading"),
    path("conversations/<int:conversation_id>/merge", views.merge, name="merge"),
    path("conversations/<int:conversation_id>/check", copilot.check, name="check"),
    path("conversations/<int:conversation_id>/draft", copilot.draft, name="draft"),
    path("conversations/<int:conversation_id>/playbook", copilot.playbook, name="playbook"),
    path("conversations/<int:conversation_id>/hand-to-lead", copilot.hand_to_lead, name="hand-to-lead"),
    path("conversations/<int:conversation_id>/split", views.split, name="split"),
    path("customers/<int:customer_id>", views.customer, name="customer"),
    path("customers/<int:customer_id>/merge", views.merge_customer, name="merge-customer"),
    path("knowledge", views.knowledge, name="knowledge"),
    path("knowledge/new", views.article_form, name="new-article"),
    path("knowledge/<int:article_id>", views.article_form, name="article"),
    path("attachments/<int:pk>", files.attachment, name="attachment"),
    path("account", people.account, name="account"),
    path("settings/teams", people.teams, name="teams"),
    path("settings/teams/<int:team_id>", team_settings.team, name="team"),
    path("settings/teams/<int:team_id>/voice-preview", team_settings.preview, name="team-voice-preview"),
    path("settings/teams/<int:team_id>/test-llm", team_settings.test_llm, name="team-llm-test"),
    path("settings/agents", people.agents, name="agents"),
    path("settings/agents/<int:agent_id>", people.agent, name="agent"),
]
