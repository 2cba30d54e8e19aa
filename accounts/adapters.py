import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy as _

from notifications.services import message_enqueue_email

from .redirects import is_safe_next_url
from .roles import is_national_staff


class AccountAdapter(DefaultAccountAdapter):
    """allauth, in plain Dutch, with its mails sent through the one outbox path."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_taken": _(
            "Er is al een account met dit e-mailadres. Log in, of vraag een nieuw wachtwoord aan."
        ),
        "email_password_mismatch": _(
            "Het e-mailadres of het wachtwoord is niet juist. Probeer het nog een keer."
        ),
        "too_many_login_attempts": _(
            "Je hebt te vaak een verkeerd wachtwoord gebruikt. Wacht een paar minuten."
        ),
        "invalid_or_expired_key": _("Deze link is verlopen of al gebruikt."),
    }

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                body
                for body, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        message_enqueue_email(
            key=f"account:{template_prefix.rsplit('/', 1)[-1]}:{uuid.uuid4()}",
            to=email,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
        )

    def get_login_redirect_url(self, request):
        """National staff land on the national overview; everyone else on Mijn Leerkring. A
        ``next`` from the request still wins (allauth reads it before asking this)."""
        if is_national_staff(request.user):
            return resolve_url(settings.STAFF_LOGIN_REDIRECT_URL)
        return super().get_login_redirect_url(request)

    def is_safe_url(self, url):
        # allauth's own check also trusts every ALLOWED_HOSTS entry; ours is this host only.
        from allauth.core import context

        return is_safe_next_url(context.request, url)
