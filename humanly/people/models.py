"""Teams, agents and customers."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Team(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Agent(AbstractUser):
    """A person who answers customers: an admin or an agent, in one or more teams."""

    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"
        AGENT = "agent", "Agent"

    role = models.CharField(max_length=10, choices=Role.choices, default=Role.AGENT)
    teams = models.ManyToManyField(Team, related_name="agents", blank=True)

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class Customer(models.Model):
    """A person who writes in, with any number of email addresses and handles."""

    name = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    preferences = models.JSONField(default=list, blank=True)
    teams = models.ManyToManyField(Team, related_name="customers", blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name or f"customer {self.pk}"


class Identity(models.Model):
    """One way to reach a customer: an email address, a phone number or a handle on a channel."""

    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        HANDLE = "handle", "Handle"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="identities")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=320)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="one_customer_per_identity")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"
