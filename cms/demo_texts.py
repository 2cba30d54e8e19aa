"""Demo course content, written for Leerkring in plain Dutch (B1) from the source documents.

The prose is our own. Facts from the MOVISIE competency profile (the four core tasks, the twelve
competency names) are used with the credit "© MOVISIE 2011", as the seed allows.
"""


def kort(text):
    return {"type": "kort_gezegd", "value": text}


def h(text, icon=""):
    return {"type": "heading", "value": {"text": text, "icon": icon}}


def p(html):
    return {"type": "paragraph", "value": html}


def tip(text):
    return {"type": "tip", "value": {"kind": "tip", "text": text, "source": ""}}


def quote(text, source):
    return {"type": "tip", "value": {"kind": "quote", "text": text, "source": source}}


def steps(title, items):
    # ListBlock reads an item as {"type": "item", "value": ..., "id": ...} only when it has an
    # id; without one the whole dict is taken as the step, and every title came out as None.
    return {
        "type": "steps",
        "value": {
            "title": title,
            "steps": [{"title": t, "text": f"<p>{x}</p>"} for t, x in items],
        },
    }


def exercise(title, goal, instructions, minutes, group):
    return {
        "type": "exercise",
        "value": {
            "title": title,
            "goal": goal,
            "instructions": instructions,
            "duration_minutes": minutes,
            "group_size": group,
        },
    }


def competency(number, text):
    return {"type": "competency", "value": {"number": str(number), "text": text}}


LOKAAL_COURSE = {
    "slug": "lokale-belangenbehartiging",
    "title": "Lokale belangenbehartiging",
    "illustration": "kring",
    "summary": (
        "Je leert hoe je samen met anderen opkomt voor mensen met een verstandelijke beperking "
        "in je eigen gemeente. Je maakt van losse problemen een gezamenlijke zaak. En je bouwt "
        "een netwerk op dat je helpt."
    ),
    "search_description": (
        "Cursus lokale belangenbehartiging: van eigen probleem naar gezamenlijke zaak, "
        "netwerken in vier stappen en een stappenplan voor je gemeente."
    ),
    "for_whom": (
        "<p>Voor leden van een ledengroep, een cliëntenraad, een familieraad of een Wmo-raad. "
        "Voor mensen met een verstandelijke beperking, hun familie en hun vertegenwoordigers.</p>"
        "<p>Je hoeft niets te weten over politiek. Je neemt je eigen ervaring mee. Dat is "
        "genoeg. Je mag iemand meenemen die je helpt.</p>"
    ),
    "what_you_learn": (
        "<ul><li>Hoe je van een eigen probleem een probleem van de groep maakt.</li>"
        "<li>Hoe je een netwerk opbouwt en onderhoudt, in vier stappen.</li>"
        "<li>Hoe je zichtbaar wordt, ook met sociale media.</li>"
        "<li>Hoe je met een stappenplan invloed krijgt in je gemeente.</li>"
        "<li>Welke taken er zijn, en welke bij jou passen.</li></ul>"
    ),
    "practical": (
        "<p>Hieronder zie je wanneer en waar de bijeenkomsten zijn. Na de cursus kun je "
        "met je groep tot drie keer een intervisie aanvragen. Dan praat je verder over een "
        "onderwerp dat jullie kiezen.</p>"
    ),
}

LOKAAL_MODULES = [
    {
        "slug": "van-ik-naar-wij",
        "title": "Van mijn probleem naar ons probleem",
        "icon": "groep",
        "illustration": "kring",
        "duration": 90,
        "body": [
            kort(
                "Veel mensen lopen tegen hetzelfde probleem aan. Als je dat samen ziet, sta je "
                "sterker. In deze module maak je van een eigen probleem een zaak van de groep."
            ),
            h("Waar gaat het over?", "info"),
            p(
                "<p>Iedereen heeft wel iets meegemaakt dat niet goed ging. Bijvoorbeeld met het "
                "vervoer, de zorg of een aanvraag bij de gemeente. Vaak denk je: dat is mijn "
                "pech. Maar als je erover praat, merk je dat anderen hetzelfde meemaken.</p>"
                "<p>Dan is het geen los probleem meer. Dan is het een <strong>gezamenlijk "
                "probleem</strong>. En een gezamenlijk probleem kun je samen aanpakken.</p>"
            ),
            quote(
                "Ik dacht dat alleen mijn zoon last had van de busregeling. Na de cursus "
                "wist ik dat het bij tien gezinnen zo ging.",
                "Een ouder uit een ledengroep (voorbeeld)",
            ),
            h("Zo pak je het aan", "stappen"),
            steps(
                "Van ik naar wij",
                [
                    ("Vertel je verhaal", "Vertel kort wat er gebeurde. Wat ging er mis?"),
                    ("Luister naar de anderen", "Wie heeft iets dergelijks meegemaakt?"),
                    (
                        "Zoek wat hetzelfde is",
                        "Welk probleem komt vaker terug? Schrijf het op in één zin.",
                    ),
                    (
                        "Wie kan er iets aan doen?",
                        "Is dat de zorgaanbieder, de vervoerder of de gemeente? De gemeente "
                        "betaalt vaak voor de dienst. Dan kun je daar aankloppen.",
                    ),
                ],
            ),
            exercise(
                "Het probleem op tafel",
                "Je ontdekt welke problemen in de groep vaker voorkomen.",
                "<ol><li>Iedereen schrijft één probleem op een kaartje.</li>"
                "<li>Leg de kaartjes op tafel.</li>"
                "<li>Leg kaartjes die op elkaar lijken bij elkaar.</li>"
                "<li>Kies samen het stapeltje waar jullie mee verder willen.</li></ol>",
                30,
                "in groepjes van 4 tot 6",
            ),
            tip(
                "Een probleem van één persoon is ook belangrijk. Maar de gemeente luistert "
                "eerder als veel mensen hetzelfde zeggen."
            ),
        ],
    },
    {
        "slug": "netwerken-in-vier-stappen",
        "title": "Netwerken in vier stappen",
        "icon": "vlinder",
        "illustration": "netwerk",
        "duration": 75,
        "body": [
            kort(
                "Samen bereik je meer dan alleen. Een netwerk bouw je in vier stappen: vogels "
                "spotten, vlinderen, vlooien en trompetteren. Je leert wat je bij elke stap doet."
            ),
            p(
                "<p>Netwerken is contact maken met mensen die je kunnen helpen. En die jij kunt "
                "helpen. Denk aan andere ouders, de Wmo-raad, een wijkteam of een raadslid. "
                "Werk samen, ook als je het niet over alles eens bent.</p>"
            ),
            steps(
                "De vier stappen",
                [
                    (
                        "Vogels spotten",
                        "Kijk goed om je heen. Wat is dit voor bijeenkomst? Wie zijn er? Vraag "
                        "de lijst met deelnemers. Bij wie kun je aansluiten?",
                    ),
                    (
                        "Vlinderen",
                        "Ga van persoon naar persoon, zoals een vlinder van bloem naar bloem. "
                        "Vertel niet alleen je eigen verhaal. Luister ook en denk mee met de "
                        "ander.",
                    ),
                    (
                        "Vlooien",
                        "Kunnen we iets voor elkaar doen? Spreek af hoe je contact houdt. De een "
                        "belt graag, de ander stuurt liever een appje.",
                    ),
                    (
                        "Trompetteren",
                        "Laat van je horen. Stuur een bericht, vertel wat je hebt bereikt, "
                        "nodig mensen uit. Zo blijft je netwerk levend.",
                    ),
                ],
            ),
            h("Vlinderen: wat wel en wat niet?", "vlinder"),
            p(
                "<ul><li><strong>Wel:</strong> vragen stellen, luisteren, een kaartje of "
                "telefoonnummer uitwisselen.</li>"
                "<li><strong>Niet:</strong> alleen over jezelf praten, of bij één persoon "
                "blijven hangen.</li></ul>"
            ),
            exercise(
                "Vlinderen oefenen",
                "Je oefent hoe je een gesprek begint en weer afsluit.",
                "<p>Loop rond door de zaal. Praat met drie mensen, elk twee minuten. Stel "
                "steeds één vraag: <em>waar ben jij mee bezig?</em> Sluit af met een "
                "afspraak of een bedankje.</p>",
                20,
                "de hele groep",
            ),
            competency(
                8, "Netwerken is een van de twaalf competenties van een belangenbehartiger."
            ),
        ],
    },
    {
        "slug": "zichtbaar-worden",
        "title": "Zichtbaar worden en sociale media",
        "icon": "megafoon",
        "illustration": "megafoon",
        "duration": 60,
        "body": [
            kort(
                "Mensen moeten weten dat je groep bestaat. Dan vinden ze jullie ook. Sociale "
                "media helpen je om contact te maken en te laten zien wat je doet."
            ),
            h("Waarom zichtbaar worden?", "megafoon"),
            p(
                "<p>Als de gemeente en andere organisaties je kennen, vragen ze jou eerder om "
                "mee te denken. Vertel daarom steeds van welke groep je bent. Bijvoorbeeld: "
                "de ledengroep of de cliëntenraad.</p>"
            ),
            h("Sociale media gebruiken", "info"),
            p(
                "<p>Met sociale media bereik je snel veel mensen. Je kunt een pagina of groep "
                "maken. Daarop vertel je wat jullie doen. En je nodigt mensen uit om te "
                "reageren of mee te doen.</p>"
                "<p>Een voorbeeld: iemand deed vroeger mee aan activiteiten in de buurt. Die "
                "zijn gestopt. Nu zit hij veel alleen thuis. Met een groep op sociale media "
                "zoekt hij mensen die ook iets willen ondernemen.</p>"
            ),
            tip(
                "Zet nooit persoonlijke gegevens van anderen online zonder hun toestemming. "
                "Ook geen foto's."
            ),
            exercise(
                "Een bericht maken",
                "Je schrijft een kort bericht over jullie groep.",
                "<p>Schrijf in drie zinnen: wie zijn wij, wat doen wij, hoe doe je mee? "
                "Lees het voor aan je buurman. Is het duidelijk?</p>",
                15,
                "alleen of in tweetallen",
            ),
        ],
    },
    {
        "slug": "stappenplan",
        "title": "Het stappenplan: zes stappen naar invloed",
        "icon": "stappen",
        "illustration": "trap",
        "duration": 90,
        "body": [
            kort(
                "Goede voorbereiding is het halve werk. Met zes stappen ga je van informatie "
                "zoeken naar echt in actie komen. Daarna kijk je terug en deel je wat je leerde."
            ),
            p(
                "<p>Invloed krijgen kost tijd. Kies daarom doelen die haalbaar zijn. Dit "
                "stappenplan helpt je om niet zomaar te beginnen.</p>"
            ),
            steps(
                "Zes stappen",
                [
                    (
                        "Zoek informatie",
                        "Wat speelt er in je gemeente? Kijk op de website, bel de griffie en "
                        "vraag de plannen op. Vraag ook aan je achterban wat zij meemaken.",
                    ),
                    (
                        "Kies waar je mee begint",
                        "Je kunt niet alles tegelijk. Kies wat de meeste mensen raakt, of wat "
                        "nu in de gemeente besproken wordt.",
                    ),
                    (
                        "Bedenk oplossingen",
                        "Wat moet er anders? Voor wie? Wat kost het? Denk ook na over wat de "
                        "gemeente kan terugzeggen.",
                    ),
                    (
                        "Bepaal bij wie je moet zijn",
                        "Is het nog een plan van ambtenaren? Of praat de gemeenteraad er al "
                        "over? Hoe eerder je erbij bent, hoe beter.",
                    ),
                    (
                        "Zoek samenwerking",
                        "Wie wil hetzelfde? Denk aan de Wmo-raad, zorgaanbieders, andere "
                        "verenigingen of een journalist. Samen open je meer deuren.",
                    ),
                    (
                        "Ga aan de slag",
                        "Praat met ambtenaren, raadsleden en de wethouder. Volg wat er met je "
                        "idee gebeurt. Krijg je geen gehoor? Zoek dan aandacht in de media.",
                    ),
                ],
            ),
            h("En daarna?", "ster"),
            p(
                "<p>Kijk samen terug: wat ging goed, wat kan beter? Vertel andere groepen wat "
                "je hebt gedaan. Zo leren jullie van elkaar. En is het gelukt? Vier het!</p>"
            ),
            tip(
                "Een wethouder luistert eerder als partijen uit de gemeenteraad jouw idee steunen."
            ),
        ],
    },
    {
        "slug": "vier-kerntaken",
        "title": "De vier kerntaken van een belangenbehartiger",
        "icon": "info",
        "illustration": "ster",
        "duration": 60,
        "body": [
            kort(
                "Het werk van een belangenbehartiger heeft vier kerntaken. Ze vormen samen een "
                "cirkel. Je hoeft niet alles zelf te doen: je werkt in een team."
            ),
            steps(
                "De vier kerntaken (bron: © MOVISIE 2011)",
                [
                    (
                        "Signaleren",
                        "Je merkt problemen en vragen op. Je bespreekt ze met je achterban. Je "
                        "volgt het nieuws en de plannen van de gemeente. En je brengt de "
                        "knelpunten in kaart, bijvoorbeeld met een enquête of een gesprek.",
                    ),
                    (
                        "Strategie en plan van aanpak",
                        "Je spreekt samen af wat je wilt bereiken. Je maakt een plan. Je kijkt "
                        "wie wat kan doen, en of je hulp van buiten nodig hebt. En je zoekt "
                        "partners die je positie sterker maken.",
                    ),
                    (
                        "Acties uitvoeren",
                        "Je komt in actie, binnen of buiten de vergaderzaal. Bijvoorbeeld: je "
                        "geeft advies aan de gemeente, je organiseert een opvallende actie, je "
                        "verbetert de inspraak of je geeft voorlichting.",
                    ),
                    (
                        "Evalueren",
                        "Je kijkt terug. Is het doel bereikt? Is er meer nodig? Uit de "
                        "evaluatie komen vaak nieuwe vragen. Dan begint de cirkel opnieuw.",
                    ),
                ],
            ),
            h("Dertien deeltaken", "info"),
            p(
                "<p>Het competentieprofiel van MOVISIE verdeelt de vier kerntaken in dertien "
                "deeltaken: drie bij signaleren, vier bij strategie, vijf bij uitvoeren en één "
                "bij evalueren. In de competentielijst zie je welke deeltaken bij jou passen."
                "</p>"
            ),
            exercise(
                "Welke taak past bij mij?",
                "Je ontdekt welke kerntaak je het liefst doet.",
                "<p>Lees de vier kerntaken. Zet een ster bij de taak die je het leukst vindt. "
                "Vergelijk met je groepje: hebben jullie samen alle vier de taken?</p>",
                15,
                "in groepjes van 4",
            ),
            p(
                '<p class="credit">Kerntaken en deeltaken: Competentieprofiel voor collectieve '
                "belangenbehartigers, © MOVISIE 2011.</p>"
            ),
        ],
    },
    {
        "slug": "je-eigen-competenties",
        "title": "Je eigen competenties kennen",
        "icon": "ster",
        "illustration": "ster",
        "duration": 45,
        "body": [
            kort(
                "Een competentie is iets wat je kunt, weet of bent. Met de competentielijst zie "
                "je waar je sterk in bent. En wat je nog wilt leren."
            ),
            h("Twaalf competenties", "ster"),
            p(
                "<p>Het profiel van MOVISIE noemt twaalf competenties voor belangenbehartigers: "
                "signaleren en analyseren, sensitiviteit, communicatie, lef, creativiteit, "
                "onderhandelen, overtuigingskracht, netwerken, samenwerken, zelfreflectie, "
                "stressbestendigheid en politiek/bestuurlijk inzicht.</p>"
                "<p>Niemand heeft ze allemaal. In een team vullen mensen elkaar aan.</p>"
            ),
            h("De lijst invullen", "info"),
            p(
                "<p>Bij elke competentie staan vier zinnen. Je kiest steeds: <em>niet waar</em>, "
                "<em>beetje waar</em>, <em>meestal waar</em> of <em>zeer waar</em>. Je vult de "
                "lijst in voor de cursus en erna. Zo zie je wat je hebt geleerd.</p>"
            ),
            competency(10, "Zelfreflectie helpt je om je eigen sterke punten te zien."),
            exercise(
                "Kaartjes kiezen",
                "Je kiest drie sterke punten en drie punten om aan te werken.",
                "<p>Leg de twaalf kaartjes met competenties op tafel. Kies drie kaartjes die bij "
                "jou passen. Kies er drie die je wilt leren. Vertel het aan iemand die je "
                "vertrouwt. Herkent die persoon het?</p>",
                20,
                "in tweetallen",
            ),
            p(
                '<p class="credit">Competenties: Competentieprofiel voor collectieve '
                "belangenbehartigers, © MOVISIE 2011.</p>"
            ),
        ],
    },
    {
        "slug": "je-rugzak",
        "title": "Je rugzak: wat neem je mee?",
        "icon": "rugzak",
        "illustration": "rugzak",
        "duration": 30,
        "body": [
            kort(
                "Aan het eind van de cursus is je rugzak gevuld. Je neemt ervaringen en tips mee "
                "naar huis. Na de cursus kun je tot drie keer een intervisie aanvragen."
            ),
            h("Wat zit er in je rugzak?", "rugzak"),
            p(
                "<ul><li>De ervaringen van de andere deelnemers.</li>"
                "<li>Tips om samen te werken en te netwerken.</li>"
                "<li>Tips om invloed te krijgen bij de gemeente.</li>"
                "<li>Tips voor sociale media.</li></ul>"
            ),
            h("Intervisie na de cursus", "groep"),
            p(
                "<p>Na de cursus kom je nog tot drie keer bij elkaar. Dat heet intervisie. Jullie "
                "vragen het zelf aan, als jullie dat nodig vinden. Je kiest een onderwerp. "
                "Bijvoorbeeld: hoe betrekken we onze achterban? Of: waar is de gemeente precies "
                "verantwoordelijk voor?</p>"
            ),
            tip(
                "Op de pagina 'Mijn rugzak' staan alle 'kort gezegd'-teksten van de cursus bij "
                "elkaar. Die kun je afdrukken."
            ),
        ],
    },
]

TTT_COURSE = {
    "slug": "train-de-trainer",
    "title": "Train-de-trainer",
    "illustration": "trap",
    "summary": (
        "Wil je zelf de cursus lokale belangenbehartiging geven? In dit programma word je "
        "trainer. Je loopt stage, volgt een cursus en doet mee aan een intervisie."
    ),
    "search_description": (
        "Word vrijwillig trainer lokale belangenbehartiging: stage, cursus en intervisie."
    ),
    "for_whom": (
        "<p>Voor mensen die de cursus lokale belangenbehartiging hebben gedaan. En die het "
        "leuk vinden om anderen iets te leren. Je wordt vrijwilliger in de landelijke pool "
        "van trainers.</p>"
    ),
    "what_you_learn": (
        "<ul><li>Hoe je de cursus lokale belangenbehartiging geeft.</li>"
        "<li>Hoe je een groep begeleidt.</li>"
        "<li>Hoe je een intervisie leidt.</li></ul>"
    ),
    "practical": (
        "<p>Het programma heeft drie delen. Als je alle drie hebt afgerond, word je "
        "gecertificeerd trainer.</p>"
    ),
}

TTT_MODULES = [
    {
        "slug": "stage",
        "title": "De stage",
        "icon": "groep",
        "illustration": "kring",
        "duration": None,
        "body": [
            kort(
                "Je geeft een cursus samen met een ervaren trainer. Die trainer helpt je en "
                "geeft je tips. Aan het eind tekent de trainer je stage af."
            ),
            p(
                "<p>Je bereidt de cursusdag samen voor. Je neemt een paar onderdelen voor je "
                "rekening. Na afloop bespreek je wat goed ging en wat je nog wilt oefenen.</p>"
            ),
        ],
    },
    {
        "slug": "de-cursus",
        "title": "De trainerscursus",
        "icon": "stappen",
        "illustration": "trap",
        "duration": None,
        "body": [
            kort(
                "In de trainerscursus leer je hoe je de cursus opbouwt. Je oefent met de "
                "werkvormen. En je leert hoe je zorgt dat iedereen mee kan doen."
            ),
            p(
                "<p>Je oefent met de onderdelen van de cursus, zoals het netwerken in vier "
                "stappen. Je leert ook hoe je uitleg geeft in gewone taal.</p>"
            ),
        ],
    },
    {
        "slug": "intervisie-voor-trainers",
        "title": "Intervisie voor trainers",
        "icon": "info",
        "illustration": "netwerk",
        "duration": None,
        "body": [
            kort(
                "Trainers leren ook van elkaar. In de intervisie bespreek je wat je tegenkomt. "
                "Daarna kun je gecertificeerd trainer worden."
            ),
            p(
                "<p>Je brengt een vraag of een situatie in. De andere trainers denken mee. Zo "
                "word je samen steeds beter.</p>"
            ),
        ],
    },
]

STANDARD_PAGES = [
    {
        "slug": "over-leerkring",
        "title": "Over Leerkring",
        "intro": "Leerkring helpt mensen om samen op te komen voor hun belangen in de gemeente.",
        "body": [
            p(
                "<p>Op Leerkring vind je cursussen over lokale belangenbehartiging. De cursussen "
                "worden gegeven door vrijwillige trainers uit het hele land. Veel trainers "
                "hebben de cursus eerst zelf gevolgd.</p>"
                "<p>Na de cursus kun je met je groep intervisie aanvragen. En je kunt zien wat "
                "je hebt geleerd met de competentielijst.</p>"
            )
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacyverklaring",
        "intro": "Hier lees je welke gegevens we bewaren, en waarom.",
        "body": [
            h("Welke gegevens?", "info"),
            p(
                "<p>Als je je inschrijft, bewaren we je naam, je e-mailadres en de cursus die je "
                "volgt. Vul je de competentielijst in? Dan zijn die antwoorden van jou. Je "
                "trainer ziet ze alleen als jij dat wilt.</p>"
            ),
            h("Jouw rechten", "info"),
            p(
                "<p>Je kunt je gegevens altijd bekijken, downloaden of laten verwijderen. Dat "
                "doe je op de pagina Mijn Leerkring.</p>"
            ),
        ],
    },
    {
        "slug": "toegankelijkheid",
        "title": "Toegankelijkheid",
        "intro": "Iedereen moet Leerkring kunnen gebruiken.",
        "body": [
            p(
                "<p>We willen voldoen aan de richtlijnen WCAG 2.2, niveau AA. Je kunt de site "
                "met het toetsenbord en met een schermlezer gebruiken. Je kunt de letters "
                "groter maken met de knop 'Grote letters'. En je kunt teksten laten voorlezen "
                "met de knop 'Lees voor', als je browser dat kan.</p>"
                "<p>Werkt iets niet goed? Laat het ons weten via de contactpagina.</p>"
            )
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "intro": "Heb je een vraag? We helpen je graag.",
        "body": [
            p(
                '<p>Stuur een e-mail naar <a href="mailto:info@leerkring.nl">'
                "info@leerkring.nl</a>. We antwoorden binnen drie werkdagen.</p>"
                "<p>Bellen kan ook, op werkdagen van 10.00 tot 15.00 uur.</p>"
            )
        ],
    },
]
