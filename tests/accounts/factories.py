import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group

from accounts.models import Region, User

PASSWORD = "Geheim-wachtwoord-42"
_faker = factory.Faker._get_faker(locale="nl_NL")


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
    # A realistic Dutch name, without the apostrophe some carry ("van 't Hof"): tests look for
    # the name in HTML, where it is escaped, and a random name must not make a test flaky.
    display_name = factory.LazyFunction(lambda: _faker.name().replace("'", ""))
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
