"""Bench: national growth with 100,000 participants, and the cost of saving one answer.

Usage (PostgreSQL only; uses its own database so the data never touches a test or dev DB):

    BENCH_DATABASE=lk_comp_bench uv run python bench/growth_national.py [--participants 100000]

1. Generates participants with pre, post and follow-up lists (48 answers each) through COPY,
   then builds the growth summary with the app's own rebuild.
2. Times the national growth page (server side, through the test client) against ONE raw SQL
   query that computes the same figures from the answers table. Target ratio <= 0.1.
3. Times saving one answer through the service against a plain single-row INSERT, and checks
   the service's query count stays constant. Target ratio <= 3.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
parser = argparse.ArgumentParser()
parser.add_argument("--participants", type=int, default=100_000)
parser.add_argument("--per-session", type=int, default=12)
parser.add_argument("--repeat", type=int, default=7)
parser.add_argument("--skip-page", action="store_true", help="only the answer-saving bench")
parser.add_argument("--passes", type=int, default=16, help="answer-saving passes over a list")
args = parser.parse_args()

DB = os.environ.get("BENCH_DATABASE", "lk_bench_competencies")
HOST = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
os.environ["DATABASE_URL"] = f"{HOST}/{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.pop("REDIS_URL", None)
os.environ.pop("CACHE_REDIS_URL", None)

import psycopg  # noqa: E402

with psycopg.connect(f"{HOST}/postgres", autocommit=True) as admin:
    if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone():
        admin.execute(f'CREATE DATABASE "{DB}"')

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

call_command("migrate", verbosity=0)
settings.ALLOWED_HOSTS = ["*"]  # the test client's "testserver" (DEBUG is off)

from accounts.models import Region, User  # noqa: E402
from competencies import answer_store, services  # noqa: E402
from competencies.models import Answer, GrowthSummary, SelfAssessment  # noqa: E402
from competencies.selectors import competencies_with_statements, default_framework  # noqa: E402
from competencies.summary import summary_rebuild  # noqa: E402
from courses.models import Course, Enrolment, Session  # noqa: E402

MOMENTS = ("pre", "post", "follow_up")


def timed(label, func):
    start = time.perf_counter()
    result = func()
    print(f"  {label}: {time.perf_counter() - start:.1f} s", flush=True)
    return result


def copy_rows(table, columns, rows):
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(row))
        buffer.write("\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            while chunk := buffer.read(1 << 20):
                copy.write(chunk)


def generate(n):
    framework = default_framework()
    statements = [s.pk for c in competencies_with_statements(framework) for s in c.statements.all()]
    regions = list(Region.objects.values_list("pk", flat=True))
    course, _ = Course.objects.get_or_create(slug="bench", defaults={"title": "Bench"})
    now = timezone.now()
    stamp = now.isoformat()
    full = str(len(statements))  # every generated list is complete
    rng = random.Random(42)
    print(f"Generating {n} participants ({n * 3 * len(statements):,} answers)...", flush=True)
    with transaction.atomic():
        timed(
            "users",
            lambda: copy_rows(
                "accounts_user",
                [
                    "email",
                    "password",
                    "display_name",
                    "phone",
                    "organisation",
                    "is_superuser",
                    "is_staff",
                    "is_active",
                    "date_joined",
                    "session_token",
                ],
                (
                    [f"b{i}@bench.invalid", "!", f"P {i}", "", "", "f", "f", "t", stamp, ""]
                    for i in range(n)
                ),
            ),
        )
        user_ids = list(
            User.objects.filter(email__endswith="@bench.invalid")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        sessions = timed(
            "sessions",
            lambda: Session.objects.bulk_create(
                [
                    Session(
                        course=course,
                        region_id=regions[i % len(regions)],
                        capacity=args.per_session,
                        online_url="https://example.org/bench",
                        status="completed",
                        starts_at=now - timedelta(days=400 - i % 365),
                        ends_at=now - timedelta(days=400 - i % 365) + timedelta(hours=4),
                        completed_at=now - timedelta(days=399 - i % 365),
                    )
                    for i in range((n + args.per_session - 1) // args.per_session)
                ],
                batch_size=5000,
            ),
        )
        timed(
            "enrolments",
            lambda: copy_rows(
                "courses_enrolment",
                [
                    "session_id",
                    "user_id",
                    "status",
                    "support_person_name",
                    "access_needs",
                    "dietary_needs",
                    "queued_at",
                    "created_at",
                    "status_changed_at",
                ],
                (
                    [
                        str(sessions[i // args.per_session].pk),
                        str(uid),
                        "attended",
                        "",
                        "",
                        "",
                        stamp,
                        stamp,
                        stamp,
                    ]
                    for i, uid in enumerate(user_ids)
                ),
            ),
        )
        enrolments = list(
            Enrolment.objects.filter(user_id__in=user_ids)
            .order_by("pk")
            .values_list("pk", "user_id")
        )
        timed(
            "assessments",
            lambda: copy_rows(
                "competencies_selfassessment",
                [
                    "user_id",
                    "framework_id",
                    "kind",
                    "moment",
                    "enrolment_id",
                    "started_at",
                    "completed_at",
                    "answered_count",
                ],
                (
                    [str(uid), str(framework.pk), "statements", m, str(eid), stamp, stamp, full]
                    for eid, uid in enrolments
                    for m in MOMENTS
                ),
            ),
        )
        assessments = SelfAssessment.objects.filter(enrolment__user_id__in=user_ids).values_list(
            "pk", "enrolment_id", "moment"
        )
        by_enrolment = {}
        for pk, eid, moment in assessments.iterator(chunk_size=50000):
            by_enrolment.setdefault(eid, {})[moment] = pk

        def answers():
            for _eid, moments in by_enrolment.items():
                base = [rng.randint(1, 3) for _ in statements]
                for moment, lift in (("pre", 0.0), ("post", 0.5), ("follow_up", 0.4)):
                    apk = str(moments[moment])
                    for sid, v in zip(statements, base, strict=True):
                        value = min(4, v + (rng.random() < lift))
                        yield (apk, str(sid), str(value), stamp)

        timed(
            "answers (COPY)",
            lambda: copy_rows(
                "competencies_answer",
                ["assessment_id", "statement_id", "value", "answered_at"],
                answers(),
            ),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    timed("summary rebuild (app command path)", lambda: summary_rebuild())


RAW_SQL = """
WITH totals AS (
    SELECT a.enrolment_id, a.moment, s.competency_id, SUM(ans.value)::float AS total,
           COUNT(*) AS k
    FROM competencies_answer ans
    JOIN competencies_selfassessment a ON a.id = ans.assessment_id
    JOIN competencies_statement s ON s.id = ans.statement_id
    JOIN courses_enrolment e ON e.id = a.enrolment_id
    JOIN courses_session se ON se.id = e.session_id
    WHERE a.completed_at IS NOT NULL AND a.kind = 'statements'
      AND a.peer_invitation_id IS NULL AND a.moment IN ('pre', 'post', 'follow_up')
      AND se.status = 'completed' AND a.framework_id = %(fw)s
    GROUP BY GROUPING SETS ((a.enrolment_id, a.moment, s.competency_id),
                            (a.enrolment_id, a.moment))
),
pairs AS (
    SELECT later.moment, later.competency_id, pre.total / pre.k AS pre_score,
           later.total / later.k AS later_score
    FROM totals later
    JOIN totals pre ON pre.enrolment_id = later.enrolment_id AND pre.moment = 'pre'
         AND pre.competency_id IS NOT DISTINCT FROM later.competency_id
    WHERE later.moment IN ('post', 'follow_up')
)
SELECT competency_id, moment, COUNT(*) AS n, AVG(pre_score), AVG(later_score),
       AVG(later_score - pre_score), STDDEV_SAMP(later_score - pre_score),
       AVG((later_score > pre_score)::int), AVG((later_score < pre_score)::int)
FROM pairs GROUP BY competency_id, moment ORDER BY moment, competency_id NULLS FIRST
"""


def median_time(func, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_page():
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import Group

    staff, _created = User.objects.get_or_create(
        email="staf@bench.invalid", defaults={"display_name": "Staf"}
    )
    staff.groups.add(Group.objects.get(name="national_staff"))
    Authenticator.objects.get_or_create(
        user=staff, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
    )
    client = Client()
    client.force_login(staff)
    response = client.get("/competenties/groei/")
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "te weinig deelnemers" not in html.split("Hele lijst")[1].split("</tr>")[0]
    fw = default_framework()

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, {"fw": fw.pk})
            return cursor.fetchall()

    page = median_time(lambda: client.get("/competenties/groei/"), args.repeat)
    raw_rows = raw()
    query = median_time(raw, max(3, args.repeat // 2))
    # Same figures both ways (overall row, post vs pre).
    from competencies.selectors import growth_for_sessions

    overall = growth_for_sessions(Session.objects.filter(status="completed"), fw)[0].post
    sql_overall = next(r for r in raw_rows if r[0] is None and r[1] == "post")
    assert overall.n == sql_overall[2]
    assert abs(overall.mean_change - sql_overall[5]) < 1e-9
    assert abs(overall.sd_change - sql_overall[6]) < 1e-9
    print(f"National growth page (server side, median of {args.repeat}): {page * 1000:.1f} ms")
    print(f"One raw SQL query over the answers table:               {query * 1000:.1f} ms")
    print(f"Ratio page / raw query: {page / query:.4f}  (target <= 0.1)")
    print(
        f"  n paired overall = {overall.n}, mean change = {overall.mean_change:.4f}, "
        f"d_z = {overall.d_z:.3f}"
    )


def bench_answer():
    framework = default_framework()
    user, _ = User.objects.get_or_create(email="invuller@bench.invalid")
    services.consent_give(user=user)
    statements = [s.pk for c in competencies_with_statements(framework) for s in c.statements.all()]
    open_statements = statements[:-1]  # never the last: the list stays open

    def new_list():
        SelfAssessment.objects.filter(user=user).delete()
        return services.assessment_start(user=user, framework=framework)

    assessment = new_list()
    counts = []
    # Counted and timed apart: capturing queries wraps the cursor in Django's debug wrapper
    # (it formats every statement), which the plain INSERT below does not pay either.
    for i in range(30):
        sid = open_statements[i % len(open_statements)]
        with CaptureQueriesContext(connection) as ctx:
            services.answers_save(assessment=assessment, values={sid: 1 + i % 4}, actor=user)
        counts.append(len(ctx.captured_queries))
        last_sql = [q["sql"] for q in ctx.captured_queries]
    # Another person's list: one person has at most one running personal list (a constraint).
    scratch_user, _ = User.objects.get_or_create(email="kladblok@bench.invalid")
    SelfAssessment.objects.filter(user=scratch_user).delete()
    scratch = SelfAssessment.objects.create(user=scratch_user, framework=framework)
    scratch_prepared = SelfAssessment.objects.create(
        user=scratch_user, framework=framework, kind=SelfAssessment.Kind.CARDS
    )
    # Each save is followed by one plain INSERT, so both are timed on the same machine at the
    # same moment (a shared machine drifts over seconds). Passes alternate between a new list
    # (every save inserts an answer: someone filling the list in) and the same list again
    # (every save changes an answer).
    times = {"new": [], "changed": []}
    plain, plain_prepared = [], []
    insert = (
        "INSERT INTO competencies_answer (assessment_id, statement_id, value, answered_at)"
        " VALUES (%s, %s, %s, now())"
    )
    with connection.cursor() as cursor, answer_store._prepared_cursor() as prepared:
        for n in range(args.passes):
            kind = "changed" if n % 2 else "new"
            if kind == "new":
                assessment = new_list()
            for i, sid in enumerate(open_statements):
                start = time.perf_counter()
                services.answers_save(
                    assessment=assessment, values={sid: 1 + (i + n) % 4}, actor=user
                )
                times[kind].append(time.perf_counter() - start)
                start = time.perf_counter()
                cursor.execute(insert, [scratch.pk, sid, 1 + i % 4])
                plain.append(time.perf_counter() - start)
                start = time.perf_counter()
                prepared.execute(insert, [scratch_prepared.pk, sid, 1 + i % 4])
                plain_prepared.append(time.perf_counter() - start)
            cursor.execute(
                "DELETE FROM competencies_answer WHERE assessment_id IN (%s, %s)",
                [scratch.pk, scratch_prepared.pk],
            )
    scratch.delete()
    scratch_prepared.delete()
    warm = len(open_statements) // 2  # the first half pass warms caches and the connection
    plain_t = statistics.median(plain[warm:])
    steady = counts[10:]
    print(
        f"Saving one answer: queries per save after warm-up min={min(steady)} max={max(steady)} "
        f"(constant: {min(steady) == max(steady)}; first save {counts[0]}, cold cache)"
    )
    for sql in last_sql:
        print(f"    {' '.join(sql.split())[:90]}")
    prepared_t = statistics.median(plain_prepared[warm:])
    print(f"  plain INSERT median {plain_t * 1000:.2f} ms ({len(plain)} inserts)")
    for kind, label in (("new", "a new answer"), ("changed", "a changed answer")):
        service_t = statistics.median(times[kind][warm:])
        print(
            f"  service, {label}: median {service_t * 1000:.2f} ms ({len(times[kind])} saves),"
            f" ratio {service_t / plain_t:.2f}  (target <= 3)"
        )
    # The service's statement is prepared; Django's plain INSERT is not. For fairness, the same
    # INSERT prepared as well (not the target's measure).
    service_t = statistics.median(times["new"][warm:])
    print(
        f"  for comparison, the plain INSERT prepared too: median {prepared_t * 1000:.2f} ms;"
        f" a new answer / that = {service_t / prepared_t:.2f}"
    )


existing = SelfAssessment.objects.filter(user__email__endswith="@bench.invalid").count()
if existing < args.participants * 3:
    if existing:
        print("Partial bench data found; drop the database to regenerate.")
        sys.exit(1)
    generate(args.participants)
print(
    f"Participants: {Enrolment.objects.filter(user__email__endswith='@bench.invalid').count():,}; "
    f"answers: {Answer.objects.count():,}; summary rows: {GrowthSummary.objects.count():,}"
)
if not args.skip_page:
    bench_page()
bench_answer()
