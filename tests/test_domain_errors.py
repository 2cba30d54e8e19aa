"""One domain error base for every app: a machine code, an HTTP status and a Dutch message."""

import importlib
import inspect
from pathlib import Path

from django.apps import apps
from django.conf import settings

from accounts.exceptions import DomainError


def _project_apps():
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    ]


def _exceptions_modules():
    for config in _project_apps():
        try:
            yield importlib.import_module(f"{config.name}.exceptions")
        except ModuleNotFoundError:
            continue


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_every_exception_of_an_app_is_a_domain_error():
    modules = list(_exceptions_modules())
    assert {m.__name__ for m in modules} >= {"courses.exceptions", "competencies.exceptions"}
    for module in modules:
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == module.__name__:
                assert issubclass(cls, DomainError), f"{module.__name__}.{name}"


def test_every_domain_error_has_its_own_code_a_4xx_status_and_a_message():
    list(_exceptions_modules())
    errors = [cls for cls in _all_subclasses(DomainError) if cls.__module__ != __name__]
    assert len(errors) > 20
    codes = {}
    for cls in errors:
        assert 400 <= cls.status < 500, cls
        if cls.code in codes:
            # A subclass may share its parent's code only when it adds nothing of its own.
            raise AssertionError(f"{cls} reuses code {cls.code!r} of {codes[cls.code]}")
        codes[cls.code] = cls
        if "message" in vars(cls):
            assert str(cls.message).strip(), cls


def test_a_competency_error_speaks_like_any_other_domain_error():
    from competencies.exceptions import MomentClosed, PeerLinkInvalid
    from courses.exceptions import DomainError as CoursesDomainError

    assert CoursesDomainError is DomainError
    error = MomentClosed()
    assert isinstance(error, DomainError)
    assert (error.code, error.status) == ("moment_closed", 409)
    assert (
        str(error)
        == str(error.user_message)
        == "Deze lijst is nu gesloten. Je kunt hem niet meer invullen."
    )
    assert PeerLinkInvalid.status == 404
    custom = MomentClosed("Eigen uitleg.", moment="post")
    assert (str(custom), custom.context) == ("Eigen uitleg.", {"moment": "post"})
