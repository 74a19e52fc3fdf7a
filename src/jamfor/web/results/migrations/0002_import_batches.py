# Imports become batches: previewed, applied on confirmation, undoable (issue 15).
# ImportedFile is renamed ImportBatch; the files imported before keep their rows as
# applied "legacy" batches (their earlier values were never kept, so they cannot be
# undone), and every stored value points at the batch that wrote it.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _link_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    batch_model = apps.get_model("results", "ImportBatch")
    for batch in batch_model.objects.all():
        batch.created_at = batch.imported_at or batch.created_at
        batch.created_by_id = batch.imported_by_id
        batch.save(update_fields=["created_at", "created_by"])
    for model_name in ("ResultValue", "PublishedMean"):
        model = apps.get_model("results", model_name)
        for batch in batch_model.objects.order_by("imported_at", "id"):
            model.objects.filter(year_id=batch.year_id, source=batch.name).update(batch=batch)


class Migration(migrations.Migration):
    dependencies = (
        ("results", "0001_initial"),
        ("survey", "0002_year_area_catalog"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    )

    operations = (
        migrations.RemoveConstraint(model_name="importedfile", name="one_import_per_content"),
        migrations.RenameModel(old_name="ImportedFile", new_name="ImportBatch"),
        migrations.AlterModelOptions(
            name="importbatch",
            options={
                "ordering": ("-imported_at", "-created_at", "-id"),
                "verbose_name": "inläsning",
                "verbose_name_plural": "inläsningar",
            },
        ),
        migrations.AlterField(
            model_name="importbatch",
            name="year",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="import_batches",
                to="survey.year",
            ),
        ),
        migrations.AlterField(
            model_name="importbatch",
            name="synthetic",
            field=models.BooleanField(default=False, verbose_name="syntetiska data"),
        ),
        migrations.AlterField(
            model_name="importbatch",
            name="imported_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="inläst"),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="status",
            field=models.CharField(
                choices=[
                    ("preview", "Förhandsvisad, inte inläst"),
                    ("applied", "Inläst"),
                    ("undone", "Ångrad"),
                    ("cancelled", "Avbruten"),
                ],
                default="applied",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="importbatch",
            name="status",
            field=models.CharField(
                choices=[
                    ("preview", "Förhandsvisad, inte inläst"),
                    ("applied", "Inläst"),
                    ("undone", "Ångrad"),
                    ("cancelled", "Avbruten"),
                ],
                default="preview",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="förhandsvisad"
            ),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="förhandsvisad av",
            ),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="undone_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ångrad"),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="undone_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ångrad av",
            ),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="added",
            field=models.PositiveIntegerField(default=0, verbose_name="nya värden"),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="changed",
            field=models.PositiveIntegerField(default=0, verbose_name="ändrade värden"),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="unchanged",
            field=models.PositiveIntegerField(default=0, verbose_name="oförändrade värden"),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="other_years",
            field=models.PositiveIntegerField(default=0, verbose_name="värden för andra år"),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="catalog_before",
            field=models.TextField(blank=True, verbose_name="årets katalog före inläsningen"),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="catalog_generated",
            field=models.TextField(blank=True, verbose_name="katalog genererad ur filen"),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="legacy",
            field=models.BooleanField(default=True, verbose_name="inläst före ångra-funktionen"),
        ),
        migrations.AlterField(
            model_name="importbatch",
            name="legacy",
            field=models.BooleanField(default=False, verbose_name="inläst före ångra-funktionen"),
        ),
        migrations.CreateModel(
            name="BatchChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("value", "Värde"), ("mean", "Publicerat snitt")],
                        max_length=10,
                        verbose_name="slag",
                    ),
                ),
                ("unit", models.CharField(max_length=200, verbose_name="enhet")),
                ("indicator", models.CharField(max_length=100, verbose_name="indikator")),
                ("role", models.CharField(blank=True, max_length=20, verbose_name="roll")),
                (
                    "old_value",
                    models.CharField(blank=True, max_length=200, null=True, verbose_name="före"),
                ),
                ("new_value", models.CharField(max_length=200, verbose_name="efter")),
                (
                    "old_source",
                    models.CharField(blank=True, max_length=255, verbose_name="källa före"),
                ),
                (
                    "old_imported_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="inläst före"),
                ),
                (
                    "batch",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="changes",
                        to="results.importbatch",
                    ),
                ),
                (
                    "old_batch",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="results.importbatch",
                        verbose_name="inläsning före",
                    ),
                ),
            ],
            options={
                "verbose_name": "ändring vid inläsning",
                "verbose_name_plural": "ändringar vid inläsning",
                "indexes": [
                    models.Index(
                        fields=["batch", "indicator"], name="results_bat_batch_i_63e381_idx"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="resultvalue",
            name="batch",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="results.importbatch",
                verbose_name="inläsning",
            ),
        ),
        migrations.AddField(
            model_name="publishedmean",
            name="batch",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="results.importbatch",
                verbose_name="inläsning",
            ),
        ),
        migrations.RunPython(_link_existing, migrations.RunPython.noop),
    )
