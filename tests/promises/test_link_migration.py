"""The move to link models (promises 0003) keeps every promise's people, bodies, settlements and
events: rows in the old many-to-many tables are copied before those tables go."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import (
    BodyPageFactory,
    EventFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("promises", "0004_text_length_limits")]
AFTER = [("promises", "0005_promise_links_for_choosers")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_links_in_the_old_tables_survive_the_migration(home):
    person, body = PersonPageFactory(), BodyPageFactory()
    settlement, event = SettlementPageFactory(), EventFactory()
    promise = PromisePageFactory(people=[], bodies=[body], settlements=[settlement])
    old_apps = migrate(BEFORE)
    OldPromise = old_apps.get_model("promises", "PromisePage")
    old = OldPromise.objects.get(pk=promise.pk)
    old.people.set([person.pk])
    old.bodies.set([body.pk])
    old.settlements.set([settlement.pk])
    old.events.set([event.pk])

    new_apps = migrate(AFTER)
    migrated = new_apps.get_model("promises", "PromisePage").objects.get(pk=promise.pk)
    assert list(migrated.people.values_list("pk", flat=True)) == [person.pk]
    assert list(migrated.bodies.values_list("pk", flat=True)) == [body.pk]
    assert list(migrated.settlements.values_list("pk", flat=True)) == [settlement.pk]
    assert list(migrated.events.values_list("pk", flat=True)) == [event.pk]
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
