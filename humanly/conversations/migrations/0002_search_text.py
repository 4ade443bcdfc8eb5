"""The inbox search text per conversation, filled for existing rows, with a trigram index on PostgreSQL
when the pg_trgm extension can be installed (the search still works without it, only slower)."""

from __future__ import annotations

from django.db import migrations, models


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Conversation = apps.get_model("conversations", "Conversation")
    Message = apps.get_model("conversations", "Message")
    Identity = apps.get_model("people", "Identity")
    for conversation in Conversation.objects.select_related("customer").iterator():
        customer = conversation.customer
        parts = [conversation.subject, customer.name]
        parts += list(Identity.objects.filter(customer=customer).values_list("value", flat=True))
        parts += list(Message.objects.filter(conversation=conversation).values_list("text", flat=True))
        text = " \n".join(p for p in parts if p).lower()[:20_000]
        Conversation.objects.filter(pk=conversation.pk).update(search_text=text)


def trigram_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("SAVEPOINT humanly_trgm")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS conversation_search_trgm "
                "ON conversations_conversation USING gin (search_text gin_trgm_ops)"
            )
            cursor.execute("RELEASE SAVEPOINT humanly_trgm")
        except Exception:  # no right to install the extension: the search scans instead
            cursor.execute("ROLLBACK TO SAVEPOINT humanly_trgm")


def drop_trigram_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS conversation_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("conversations", "0001_initial"), ("people", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="conversation", name="search_text", field=models.TextField(blank=True, default="")
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]
