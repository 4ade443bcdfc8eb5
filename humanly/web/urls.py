from __future__ import annotations

from django.contrib.auth import views as auth
from django.urls import path

from humanly.web import views

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
    path("customers/<int:customer_id>", views.customer, name="customer"),
    path("knowledge", views.knowledge, name="knowledge"),
    path("knowledge/new", views.article_form, name="new-article"),
    path("knowledge/<int:article_id>", views.article_form, name="article"),
]
