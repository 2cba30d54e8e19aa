"""Every verb a service writes to the audit log has a label a person can read."""

import re

from django.conf import settings

from accounts.audit import verb_label

APPS = ("accounts", "courses", "competencies", "trainers", "notifications", "cms")
PROGRAMME_STEPS = ("stage", "cursus", "intervisie")


def _verbs_in_the_code() -> set[str]:
    verbs = set()
    for app in APPS:
        for path in (settings.BASE_DIR / app).rglob("*.py"):
            for verb in re.findall(r'verb=f?"([a-z_.{}]+)"', path.read_text(encoding="utf-8")):
                if "{step}" in verb:
                    verbs |= {verb.replace("{step}", step) for step in PROGRAMME_STEPS}
                else:
                    verbs.add(verb)
    return verbs


def test_every_audit_verb_in_the_code_has_a_readable_label():
    verbs = _verbs_in_the_code()
    assert {"session.completed", "trainer.stage_recorded", "user.role_assigned"} <= verbs
    unlabelled = sorted(verb for verb in verbs if verb_label(verb) == verb)
    assert unlabelled == []


def test_the_log_lists_and_filters_by_label_not_by_code(client, national_staff):
    from accounts.audit import log_action

    log_action(actor=national_staff, verb="session.completed")
    client.force_login(national_staff)
    html = client.get("/beheer/logboek/").content.decode()
    assert "Sessie afgerond" in html
    assert "session.completed" not in html.replace('value="session.completed"', "")
