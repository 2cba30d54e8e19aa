import pytest
from django.db import connection
from pytest_django.plugin import blocking_manager_key


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, put the migrations' data (roles, regions, the Wagtail
    root) back, so a later run with ``--reuse-db`` does not start from an empty database."""
    yield
    if getattr(item.module, "RESTORE_SERIALIZED_DB", False):
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            with item.config.stash[blocking_manager_key].unblock():
                connection.creation.deserialize_db_from_string(contents)
