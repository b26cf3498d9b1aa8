from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reviews", "0010_search")]

    operations = [
        migrations.AddField(
            model_name="film",
            name="language",
            field=models.CharField(
                blank=True,
                help_text="As printed, e.g. In French with English subtitles.",
                max_length=120,
            ),
        ),
    ]
