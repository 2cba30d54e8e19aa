"""The MOVISIE competency list, exactly as seed 000 has it (chapter 3 and Bijlage 1).

Source: MOVISIE (2011), *Competentieprofiel voor collectieve belangenbehartigers*. Reproduction
is allowed with the credit below. Names and descriptions are those of the score list in
chapter 3; the task table is Bijlage 1. ``plain`` (one sentence per card) and ``icon`` (a key
of ``competencies.icons``) are ours.
"""

CREDIT = "© MOVISIE 2011"
SLUG = "movisie-2011"
NAME = "Competentieprofiel collectieve belangenbehartigers"

SCALE = [
    (1, "niet waar", False),
    (2, "beetje waar", False),
    (3, "meestal waar", True),
    (4, "zeer waar", True),
]

COMPETENCIES = [
    (
        1,
        "Signaleren en analyseren",
        "Belangenbehartigers herkennen belangrijke en essentiële informatie. Zij leggen verbanden "
        "tussen gegevens en signalen van de achterban c.q. cliënten. Mogelijke oorzaken van "
        "problemen sporen zij op en zoeken naar meer materiaal om de signalen te onderbouwen.",
        "Ik merk op wat er mis gaat en zoek uit waarom.",
        "loep",
        [
            "Ik oordeel niet te snel, maar onderzoek eerst de feiten.",
            "Ik stel vragen om situaties te verhelderen.",
            "Ik kijk goed naar het gedrag van mensen.",
            "Ik verzamel signalen en deel deze met anderen om erachter te komen of zij ze "
            "herkennen.",
        ],
    ),
    (
        2,
        "Sensitiviteit",
        "Belangenbehartigers leggen verbindingen tussen algemene ontwikkelingen en individuele "
        "situaties. Zij kunnen aanvoelen waar knelpunten liggen en weten dit op het juiste moment "
        "bij de juiste personen aan te kaarten.",
        "Ik voel aan wat er speelt en kies het goede moment.",
        "hart",
        [
            "Ik kan me inleven in mensen, aansluiten bij hun belevingswereld.",
            "Ik kan inschatten of individuele problemen ook voor meer mensen kunnen spelen.",
            "Ik kan inschatten of beleidsmatige/politieke ontwikkelingen een bepaalde invloed op "
            "mensen hebben.",
            "Ik heb gevoel voor timing.",
        ],
    ),
    (
        3,
        "Communiceren",
        "Belangenbehartigers maken hun ideeën en meningen mondeling en schriftelijk aan anderen "
        "duidelijk. Zij zijn in staat hun taalgebruik aan te passen aan de achterban en "
        "beleidsmakers.",
        "Ik kan goed uitleggen wat ik bedoel, praten en schrijven.",
        "ballon",
        [
            "Ik luister naar anderen.",
            "Ik kan argumenten schriftelijk onderbouwen.",
            "Ik ben goed bereikbaar via telefoon, internet en mail.",
            "Ik kan omgaan met het jargon van professionals/beleidsmakers/politici.",
        ],
    ),
    (
        4,
        "Lef",
        "Belangenbehartigers durven risico's te nemen om een bepaald resultaat te behalen. Zij "
        "nemen in acht dat niet alle gevolgen van de activiteit voor de eigen positie en die van "
        "de organisatie te overzien zijn.",
        "Ik durf iets nieuws te proberen.",
        "bliksem",
        [
            "Ik vind het leuk om vaste gewoontes of patronen te doorbreken.",
            "Ik ben in staat om te improviseren als de situatie daarom vraagt.",
            "Ik durf risico te nemen door een nieuwe aanpak uit te proberen.",
            "Ik gebruik graag humor om verandering teweeg te brengen.",
        ],
    ),
    (
        5,
        "Creativiteit",
        "Belangenbehartigers komen met nieuwe en originele oplossingen voor vraagstukken. Zij "
        "bedenken nieuwe aanpakken ter vervanging van bestaande en weten daar aandacht voor te "
        "vragen.",
        "Ik bedenk nieuwe oplossingen.",
        "lamp",
        [
            "Ik heb verbeeldingskracht; daardoor kan ik nieuwe werkwijzen bedenken.",
            "Ik weet mensen te enthousiasmeren door hen aan te spreken op hun kracht.",
            "Ik stel graag prikkelende vragen om mensen op een ander spoor te zetten.",
            "Ik vind het leuk om de media in te schakelen bij originele plannen.",
        ],
    ),
    (
        6,
        "Onderhandelen",
        "Belangenbehartigers weten aan andere partijen de eigen standpunten én gemeenschappelijke "
        "doelen zo over te brengen, dat het leidt tot overeenstemming bij beide partijen.",
        "Ik kan samen met een ander tot een afspraak komen.",
        "ruil",
        [
            "Ik weet hoe en waar ik een lobby voor een doelgroep kan voeren.",
            "Ik draag logische oplossingen aan die voor de ander aanvaardbaar zijn.",
            "Ik bepaal vooraf op welke gebieden ik water bij de wijn kan doen.",
            "Ik breng voor- en nadelen van een voorstel in kaart.",
        ],
    ),
    (
        7,
        "Overtuigingskracht",
        "Belangenbehartigers oefenen invloed uit op mensen en situaties door aansprekende "
        "argumenten en/of ervaringen te gebruiken. Zij weten draagvlak te creëren. Zij bereiden "
        "zich voor en kennen hun eigen agenda en die van anderen.",
        "Ik kan anderen overtuigen met goede voorbeelden.",
        "megafoon",
        [
            "Ik zorg dat ik voorbereid in gesprek ga en de doelstelling van de achterban helder "
            "heb.",
            "Ik doe mijn werk met mijn hart. Wat ik doe is echt omdat het van binnenuit komt.",
            "Ik vertel op de juiste momenten praktijkvoorbeelden van de achterban.",
            "Ik kan de effecten van beleidsontwikkelingen op de praktijk verwoorden.",
        ],
    ),
    (
        8,
        "Netwerken",
        "Belangenbehartigers bouwen relaties en netwerken op die van pas komen bij het realiseren "
        "van doelstellingen. Dit betreft zowel de interne netwerken (de achterban, organisatie, "
        "instellingen) als externe netwerken (politici, onderzoekers, samenwerkingspartners).",
        "Ik leg contact met veel verschillende mensen.",
        "netwerk",
        [
            "Ik investeer in contacten met de achterban en speel informatie door.",
            "Ik investeer in contacten met politici, managers, beleidsmakers en ondernemers.",
            "Ik grijp bijeenkomsten en vergaderingen aan om anderen te ontmoeten.",
            "Ik ben bereikbaar via mail, telefoon, internet of sociale media.",
        ],
    ),
    (
        9,
        "Samenwerken",
        "Belangenbehartigers dragen bij aan een gezamenlijk resultaat, ook wanneer dat niet "
        "direct van persoonlijk belang is. Zij benutten elkaars netwerk optimaal. Zij ondersteunen "
        "elkaar in het uitvoeren van een taak, en dragen daar op een constructieve manier aan bij.",
        "Ik werk graag samen met anderen.",
        "groep",
        [
            "Ik deel mijn netwerk met andere belangenbehartigers; ik creëer toegang voor anderen.",
            "Ik betrek anderen bij overleg en bouw voort op voorstellen van anderen.",
            "Ik lever een aandeel aan een gezamenlijke taak.",
            "Ik kan aangeven bij collega's wat ik nodig heb om bepaalde activiteiten te kunnen "
            "doen.",
        ],
    ),
    (
        10,
        "Zelfreflectie",
        "Belangenbehartigers kunnen reflecteren op hun eigen ervaring en deze ervaring gebruiken "
        "in hun werk. Zij geven hun eigen (leer)behoefte aan en hoe zij willen groeien als "
        "belangenbehartiger.",
        "Ik weet wat ik goed kan en wat ik nog wil leren.",
        "spiegel",
        [
            "Ik kan mijn eigen persoonlijke situatie loslaten als ik anderen vertegenwoordig.",
            "Ik heb zicht op mijn eigen ervaring en kan dit bij belangenbehartiging gebruiken.",
            "Ik weet waar mijn eigen kwetsbaarheden en mogelijkheden liggen.",
            "Ik kan verwoorden wat mijn eigen interesses zijn.",
        ],
    ),
    (
        11,
        "Stressbestendigheid",
        "Belangenbehartigers schrikken niet terug voor politieke, beladen of ingewikkelde "
        "situaties. Zij beseffen dat hun werk een lange adem nodig heeft en zetten door bij "
        "bijvoorbeeld tijdsdruk of teleurstelling.",
        "Ik geef niet snel op, ook niet als het moeilijk is.",
        "boom",
        [
            "Ik heb doorzettingsvermogen: ik zal niet snel opgeven.",
            "Ik ben in staat het bij mijn collega's aan te geven als taken mij teveel worden.",
            "Ik kan relativeren: het duurt vaak lang voordat je iets bereikt.",
            "Ik kan tegen tijdsdruk of (politiek) beladen situaties.",
        ],
    ),
    (
        12,
        "Politiek/bestuurlijk inzicht",
        "Belangenbehartigers hebben inzicht in politieke processen. Ze weten hoe de besluitvorming "
        "werkt. Belangenbehartigers zijn zich bewust van de politieke en bestuurlijke verhoudingen "
        "en situatie waarin zij belangen behartigen.",
        "Ik weet hoe de gemeente en de politiek werken.",
        "gebouw",
        [
            "Ik kijk goed naar de omgeving waarin ik belangen behartig.",
            "Ik weet hoe een gemeente ambtelijk en politiek in elkaar zit.",
            "Ik voel het aan als er verschillende belangen spelen.",
            "Ik weet dat er allerlei mogelijkheden zijn om invloed uit te oefenen.",
        ],
    ),
]

# Bijlage 1: core task → (code, sub-task, competency numbers in the table's order)
TASKS = [
    (
        1,
        "Knelpunten, problemen en vragen signaleren",
        [
            (
                "1.1",
                "delen van signalen en afstemmen met de achterban (met het oog op de "
                "collectiviteit van het signaal)",
                [1, 3, 8],
            ),
            (
                "1.2",
                "volgen en uitwisselen actualiteiten, beleidsmatige- en politieke ontwikkelingen",
                [1, 2, 3, 9],
            ),
            (
                "1.3",
                "in kaart brengen knelpunten in kaart met diverse communicatiemiddelen",
                [1, 2, 3, 5, 8],
            ),
        ],
    ),
    (
        2,
        "Strategie en Plan van Aanpak",
        [
            (
                "2.1",
                "sluiten van coalities in interne en extern netwerk voor versterking van positie",
                [6, 12, 8, 9],
            ),
            (
                "2.2",
                "inschakelen externe deskundigheid in en/of bekijken welke eigen "
                "belangenbehartigers geschikt zijn",
                [1, 3, 8, 9, 10],
            ),
            (
                "2.3",
                "gezamenlijk uitzetten van de beoogde effecten en plaatsbepaling",
                [12, 2, 5, 9],
            ),
            (
                "2.4",
                "samenwerken aan een plan voor advies, creatieve actie of beleidsmatige/politieke "
                "activiteit",
                [4, 5, 9, 10],
            ),
        ],
    ),
    (
        3,
        "Uitvoering",
        [
            (
                "3.1",
                "uitvoeren activiteiten buiten de formele besluitvormingsprocessen",
                [4, 5, 7, 8, 12],
            ),
            (
                "3.2",
                "uitvoeren activiteiten binnen de formele besluitvormingsprocessen",
                [6, 7, 12, 10, 11],
            ),
            (
                "3.3",
                "uitvoeren activiteiten voor verbetering van inspraak (bijvoorbeeld binnen "
                "voorzieningen)",
                [1, 2, 3, 7, 8],
            ),
            (
                "3.4",
                "uitvoeren activiteiten gericht op deskundigheid en positionering van "
                "belangenbehartiging",
                [6, 7, 8, 10, 11],
            ),
            (
                "3.5",
                "uitvoeren activiteiten gericht op voorlichting of onderzoek",
                [3, 4, 7, 10, 11],
            ),
        ],
    ),
    (
        4,
        "Evaluatie",
        [
            (
                "4.1",
                "belangenbehartigers evalueren en beslissen of aanvullende activiteiten nodig zijn "
                "om het beoogde effect te bereiken",
                [1, 2, 9, 10, 11],
            ),
        ],
    ),
]


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def load(apps=None):
    """Create (or leave as is) the MOVISIE framework. Works inside a data migration."""
    get = (lambda name: apps.get_model("competencies", name)) if apps else _live_model
    Framework = get("Framework")
    if Framework.objects.filter(slug=SLUG).exists():
        return Framework.objects.get(slug=SLUG)
    framework = Framework.objects.create(
        slug=SLUG,
        name=NAME,
        credit=CREDIT,
        description="De competentiescorelijst van MOVISIE: twaalf competenties met elk vier "
        "stellingen.",
    )
    get("ScaleOption").objects.bulk_create(
        get("ScaleOption")(framework=framework, value=v, label=label, is_high=high)
        for v, label, high in SCALE
    )
    by_number = {}
    for number, name, description, plain, icon, statements in COMPETENCIES:
        competency = get("Competency").objects.create(
            framework=framework,
            number=number,
            name=name,
            description=description,
            plain_text=plain,
            icon=icon,
        )
        by_number[number] = competency
        Statement = get("Statement")
        # Statements stored their framework too until migration 0003 (the data migration 0002
        # runs with that model).
        extra = {"framework": framework} if _has_field(Statement, "framework") else {}
        Statement.objects.bulk_create(
            Statement(competency=competency, number=i, text=text, **extra)
            for i, text in enumerate(statements, start=1)
        )
    for number, name, sub_tasks in TASKS:
        core = get("CoreTask").objects.create(framework=framework, number=number, name=name)
        for i, (code, sub_name, competency_numbers) in enumerate(sub_tasks, start=1):
            sub = get("SubTask").objects.create(core_task=core, code=code, number=i, name=sub_name)
            get("TaskCompetency").objects.bulk_create(
                get("TaskCompetency")(sub_task=sub, competency=by_number[c], order=j)
                for j, c in enumerate(competency_numbers)
            )
    return framework


def _live_model(name):
    from django.apps import apps as live

    return live.get_model("competencies", name)
