import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group

from accounts.models import Region, User

PASSWORD = "Geheim-wachtwoord-42"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A verified user. ``role=`` puts them in a role group; ``with_mfa=`` gives them TOTP."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    display_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def finish(obj, create, extracted, **kwargs):
        obj.save()
        if obj.email:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )

    @classmethod
    def _create(cls, model_class, *args, role=None, with_mfa=False, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        if role:
            obj.groups.add(Group.objects.get(name=role))
        if with_mfa:
            Authenticator.objects.create(
                user=obj, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
            )
        return obj
