from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_trash"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["published_at"], name="article_published_at_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "published_at", "trashed_at"], name="article_status_pub_trash_idx"
            ),
        ),
    ]
