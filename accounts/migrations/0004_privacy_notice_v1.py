# ruff: noqa: E501  (prose: one paragraph per line, wrapped by the page, not the source)
"""Publish version 1 of the privacy notice, in full and in easy-read Dutch (B1, short sentences).

The texts are data: later versions are published with ``privacy_notice_publish`` (or the admin)
with their own texts. They describe what docs/privacy.md records.
"""

from datetime import UTC, datetime

from django.db import migrations


EASY_READ_V1 = """\
Leerkring is de website van onze cursussen. Hier lees je wat we over jou bewaren. En waarom.

Wat bewaren we?
Je naam en je e-mailadres. Je telefoonnummer als je dat geeft. Je groep en je regio.
Bij welke cursus je bent. En of je er was.
Je antwoorden op de competentielijst, als je die invult.

Waarom bewaren we dat?
Zodat je mee kunt doen aan een cursus. Zodat je trainer weet wie er komt.
Zodat jij kunt zien wat je hebt geleerd.

Wie ziet wat?
Jij ziet alles over jezelf.
Je trainer ziet je naam en of je er was.
Je trainer ziet je uitslag alleen als jij dat wilt.
Het landelijk bureau ziet nooit jouw antwoorden. Het ziet alleen cijfers van groepen van 5 mensen of meer.

Toestemming
Je kiest zelf waarvoor je toestemming geeft. Dat doe je bij Mijn toestemmingen.
Je kunt altijd weer stoppen. Dat is net zo makkelijk.
Heb je een curator, mentor, bewindvoerder, ouder of voogd? Dan mag die persoon ook voor jou kiezen.

Hoe lang bewaren we het?
Je antwoorden: tot 3 jaar na je laatste cursus.
Je account: tot 3 jaar nadat je het voor het laatst gebruikte. We sturen je eerst een mail.

Vragen?
Vraag het aan je trainer. Of mail naar privacy@leerkring.nl.
Je mag altijd vragen om al je gegevens weg te halen.
"""

FULL_V1 = """\
Privacyverklaring Leerkring

1. Wie is verantwoordelijk?
De landelijke organisatie die Leerkring beheert is verwerkingsverantwoordelijke in de zin van de Algemene verordening gegevensbescherming (AVG). Vragen over privacy stelt u aan privacy@leerkring.nl.

2. Welke gegevens verwerken wij?
- Accountgegevens: naam, e-mailadres, telefoonnummer (optioneel), organisatie (ledengroep, cliëntenraad of Wmo-raad) en regio.
- Cursusgegevens: inschrijvingen, wachtlijst, aanwezigheid, een eventuele ondersteuner en opgegeven toegankelijkheids- of dieetwensen.
- Zelfevaluaties: de antwoorden op de competentielijst (voor, na en na de intervisie) en de daaruit berekende scores.
- Toestemmingen: waarvoor toestemming is gegeven, onder welke versie van deze verklaring, wanneer, en door wie (de persoon zelf of een wettelijk vertegenwoordiger, met naam, relatie en contactgegevens).
- Technische gegevens: een logboek van wijzigingen (wie deed wat en wanneer) en sessiegegevens om ingelogd te blijven.

3. Bijzondere persoonsgegevens
Uit de deelname aan een programma voor mensen met een verstandelijke beperking en uit de zelfevaluaties kan informatie over gezondheid blijken. Dat zijn bijzondere persoonsgegevens (artikel 9 AVG). Wij verwerken die alleen met uw uitdrukkelijke toestemming (artikel 9, lid 2, onder a, AVG).

4. Doelen en grondslagen
- Deelnemen aan cursussen: inschrijven, plaatsen, herinneren en aanwezigheid bijhouden. Grondslag: toestemming.
- De competentielijst: uw eigen ontwikkeling zichtbaar maken, en groepscijfers (alleen bij vijf of meer personen) om het programma te verbeteren. Grondslag: uitdrukkelijke toestemming.
- Uitslag delen met de trainer: alleen als u dat per cursus aanzet. Grondslag: uitdrukkelijke toestemming.
- Beveiliging en verantwoording (logboek): gerechtvaardigd belang en wettelijke verplichting.

5. Wettelijk vertegenwoordigers
Staat iemand onder curatele of mentorschap, of is de persoon jonger dan 16 jaar, dan geeft de wettelijk vertegenwoordiger toestemming (artikel 5 Uitvoeringswet AVG). Wij leggen vast wie de toestemming gaf, in welke hoedanigheid en hoe wij die persoon kunnen bereiken. Een bewindvoerder beslist over geld en goederen; toestemming door een bewindvoerder leggen wij vast als zodanig.

6. Wie heeft toegang?
U ziet al uw eigen gegevens. Trainers zien de deelnemers van hun eigen sessies en, alleen als u dat wilt, uw uitslag. Het landelijk bureau ziet inschrijvingen en groepscijfers, nooit individuele antwoorden. Technisch beheerders hebben toegang voor onderhoud; hun handelingen worden vastgelegd.

7. Bewaartermijnen
- Antwoorden op de competentielijst: drie jaar na de laatste cursus; daarna geanonimiseerd.
- Accounts zonder activiteit: drie jaar; dertig dagen vooraf krijgt u een e-mail.
- Logboek: zeven jaar.
- Toestemmingen: zolang het account bestaat, zodat aantoonbaar blijft wat is afgesproken.

8. Uw rechten
U kunt uw gegevens inzien en downloaden, laten verbeteren of laten verwijderen, en uw toestemming op ieder moment intrekken via Mijn toestemmingen. Intrekken geldt vanaf dat moment. U kunt een klacht indienen bij de Autoriteit Persoonsgegevens.

9. Beveiliging
Medewerkers loggen in met tweestapsverificatie. Hun sessie stopt na dertig minuten zonder activiteit. U kunt zelf uitloggen op alle apparaten.

10. Wijzigingen
Verandert deze verklaring, dan vragen wij bij uw volgende bezoek opnieuw om uw akkoord.
"""


def publish(apps, schema_editor):
    PrivacyNotice = apps.get_model("accounts", "PrivacyNotice")
    PrivacyNotice.objects.get_or_create(
        version=1,
        defaults={
            "text": FULL_V1,
            "easy_read_text": EASY_READ_V1,
            # Before any consent that a later migration copies over from the competencies app.
            "published_at": datetime(2020, 1, 1, tzinfo=UTC),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_privacy_consent")]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
