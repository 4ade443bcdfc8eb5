"""Language model keys are stored sealed (humanly/desk/sealed.py): the column grows to hold the sealed
form, and the keys already stored are sealed."""

from django.db import migrations, models


def seal_stored(apps, schema_editor):  # type: ignore[no-untyped-def]
    from humanly.desk.sealed import PREFIX, seal

    TeamSettings = apps.get_model("copilot", "TeamSettings")
    for found in TeamSettings.objects.exclude(llm_key="").only("pk", "llm_key"):
        if not found.llm_key.startswith(PREFIX):
            found.llm_key = seal(found.llm_key)
            found.save(update_fields=["llm_key"])


class Migration(migrations.Migration):
    dependencies = [("copilot", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="teamsettings", name="llm_key", field=models.CharField(blank=True, max_length=1000)
        ),
        migrations.RunPython(seal_stored, migrations.RunPython.noop),
    ]
