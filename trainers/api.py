"""Staff read endpoints of the trainer pool, mounted on the project's one NinjaAPI (in
``config/urls.py``, which may import anything; ``courses`` never imports this module)."""

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from accounts.permissions import can
from courses.api import ERRORS, Pages, session_auth

from .pool import STATUSES, PoolFilter, counts_by_region
from .selectors import profiles_with_status

router = Router(tags=["trainerspool"], auth=session_auth)


class RegionCountOut(Schema):
    region: str
    slug: str
    counts: dict[str, int]
    total: int


class PoolCountsOut(Schema):
    statuses: list[str]
    totals: dict[str, int]
    regions: list[RegionCountOut]


class TrainerOut(Schema):
    id: int
    name: str
    status: str | None
    regions: list[str]

    @staticmethod
    def resolve_name(obj):
        return obj.user.display_name

    @staticmethod
    def resolve_regions(obj):
        return [r.slug for r in obj.regions.all()]


def _staff(request) -> None:
    if not can(request.auth, "trainers.manage_pool"):
        raise Http404


@router.get("/pool", response={200: PoolCountsOut, **ERRORS}, url_name="trainer_pool_counts")
def pool_counts(request):
    """Trainers per region and status (national staff)."""
    _staff(request)
    regions, totals = counts_by_region(PoolFilter().profiles())
    return {
        "statuses": STATUSES,
        "totals": totals,
        "regions": [
            {"region": r.name, "slug": r.slug, "counts": c, "total": t} for r, c, t in regions
        ],
    }


@router.get("/", response={200: list[TrainerOut], **ERRORS}, url_name="trainer_list")
@paginate(Pages)
def trainer_list(request):
    """Everyone in the pool with their current status and regions (national staff)."""
    _staff(request)
    return (
        profiles_with_status()
        .select_related("user")
        .prefetch_related("regions")
        .order_by("user__display_name", "pk")
    )
