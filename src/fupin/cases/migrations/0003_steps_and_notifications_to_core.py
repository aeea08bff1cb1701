"""Case steps and notifications move to the core workflow engine's generic tables.

Existing ``cases.Step`` rows become ``core.WorkflowStep`` rows and existing
``cases.Notification`` rows become ``core.Notification`` rows (a notice marked ``read`` keeps a
read time), so timelines and unread notices survive the upgrade.
"""

from django.db import migrations
from django.utils import timezone


def _content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    found, _ = ContentType.objects.get_or_create(app_label="cases", model="case")
    return found


def forwards(apps, schema_editor):
    Step = apps.get_model("cases", "Step")
    Notification = apps.get_model("cases", "Notification")
    WorkflowStep = apps.get_model("core", "WorkflowStep")
    CoreNotification = apps.get_model("core", "Notification")
    if not (Step.objects.exists() or Notification.objects.exists()):
        return
    content_type = _content_type(apps)
    steps = Step.objects.select_related("case").order_by("pk").iterator(chunk_size=5000)
    batch = []
    for s in steps:
        batch.append(WorkflowStep(
            workflow="cases.case", content_type=content_type, object_id=s.case_id,
            division_code=s.case.village_code, action=s.action, from_state=s.from_state,
            to_state=s.to_state, actor_id=s.actor_id, at=s.at, note=s.note))
        if len(batch) >= 5000:
            WorkflowStep.objects.bulk_create(batch)
            batch = []
    WorkflowStep.objects.bulk_create(batch)
    now = timezone.now()
    notes = [CoreNotification(
        user_id=n.user_id, workflow="cases.case", content_type=content_type,
        object_id=n.case_id, division_code=n.case.village_code, kind="step",
        message=n.message, key="", created_at=n.created_at, read_at=now if n.read else None)
        for n in Notification.objects.select_related("case").order_by("pk")]
    CoreNotification.objects.bulk_create(notes, batch_size=5000)


def backwards(apps, schema_editor):
    Step = apps.get_model("cases", "Step")
    Notification = apps.get_model("cases", "Notification")
    WorkflowStep = apps.get_model("core", "WorkflowStep")
    CoreNotification = apps.get_model("core", "Notification")
    Step.objects.bulk_create([
        Step(case_id=s.object_id, action=s.action, from_state=s.from_state,
             to_state=s.to_state, actor_id=s.actor_id, at=s.at, note=s.note)
        for s in WorkflowStep.objects.filter(workflow="cases.case")], batch_size=5000)
    Notification.objects.bulk_create([
        Notification(user_id=n.user_id, case_id=n.object_id, message=n.message,
                     read=n.read_at is not None)
        for n in CoreNotification.objects.filter(workflow="cases.case")], batch_size=5000)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_input_limits"),
        ("core", "0004_workflow_steps_notifications"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="step", name="actor"),
        migrations.RemoveField(model_name="step", name="case"),
        migrations.DeleteModel(name="Notification"),
        migrations.DeleteModel(name="Step"),
    ]
