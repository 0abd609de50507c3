
import django.db.models.functions.comparison
import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('entities', '0005_portrait_upload_safety'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='person',
            index=models.Index(django.db.models.functions.text.Lower(django.db.models.functions.comparison.Coalesce(django.db.models.functions.comparison.NullIf('family_name', models.Value('')), 'display_name')), django.db.models.functions.text.Lower('given_names'), models.F('display_name'), models.F('id'), name='person_list_order_idx'),
        ),
    ]
