"""allauth's sign-up form, safe against two sign-ups with one address at the same moment.

Both pass the "is this address free?" check; the database's unique e-mail constraint lets only
one insert through. The other would be an IntegrityError (a 500). It gets instead exactly the
answer of a sign-up with a known address ("look in your mail", and a mail to the owner), which
enumeration prevention already gives: nothing tells the two cases apart.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.db import IntegrityError, transaction


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            self.account_already_exists = True
            return super().try_save(request)
