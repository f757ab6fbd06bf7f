"""What each event format is like: how often it happens, its times, capacity,
audiences and companies, and its French and German texts. Pure data.

Texts are data content: written in French and German, not translated strings.
"""

from events.models import Event

LANGUAGE_SENTENCES = {
    Event.Language.FRENCH: (
        "L'animation se déroule en français.",
        "Die Veranstaltung findet auf Französisch statt.",
    ),
    Event.Language.GERMAN: (
        "L'animation se déroule en allemand.",
        "Die Veranstaltung findet auf Deutsch statt.",
    ),
    Event.Language.BILINGUAL: (
        "L'animation est bilingue, en français et en allemand.",
        "Die Veranstaltung ist zweisprachig, auf Französisch und Deutsch.",
    ),
}

PRACTICAL_SENTENCES = {
    "sign_up": ("Gratuit, sur inscription.", "Kostenlos, mit Anmeldung."),
    "drop_in": ("Gratuit, sans rendez-vous.", "Kostenlos, ohne Termin."),
}

F = Event.Format
EVENT_FORMATS = {
    F.BILINGUAL_WORKSHOP: {
        "weight": 16,
        "title": ("Atelier bilingue : {}", "Zweisprachiger Workshop: {}"),
        "summary": (
            "Atelier pratique en petit groupe sur le thème « {} » : des conseils concrets "
            "pour candidater en France et en Allemagne.",
            "Praxisworkshop in kleiner Gruppe zum Thema „{}“: konkrete Tipps für Bewerbungen "
            "in Frankreich und Deutschland.",
        ),
        "intro": (
            "Nos ateliers bilingues vous aident à préparer votre candidature pour un emploi des "
            "deux côtés du Rhin. Vous repartez avec des documents prêts à l'emploi et des "
            "conseils personnalisés.",
            "Unsere zweisprachigen Workshops helfen Ihnen, Ihre Bewerbung für eine Stelle auf "
            "beiden Seiten des Rheins vorzubereiten. Sie gehen mit fertigen Unterlagen und "
            "persönlichen Tipps nach Hause.",
        ),
        "topics": [
            ("CV allemand", "Deutscher Lebenslauf"),
            ("Lettre de motivation en allemand", "Anschreiben auf Deutsch"),
            (
                "Réussir son entretien d'embauche en Allemagne",
                "Vorstellungsgespräch in Deutschland",
            ),
            ("L'allemand au travail : premiers échanges", "Deutsch im Beruf: erste Gespräche"),
            (
                "Candidater en ligne des deux côtés du Rhin",
                "Online bewerben auf beiden Rheinseiten",
            ),
            ("Faire reconnaître son diplôme", "Anerkennung ausländischer Abschlüsse"),
        ],
        "times": [(9, 30, 150), (14, 0, 150)],
        "capacity": (12, 20),
        "outside": 0.15,
        "audiences": ["job_seekers", "students", "young_people"],
        "companies": (0, 0),
        "languages": {"fr": 10, "de": 5, "fr-de": 85},
    },
    F.INTERCULTURAL_WORKSHOP: {
        "weight": 10,
        "title": ("Atelier interculturel : {}", "Interkultureller Workshop: {}"),
        "summary": (
            "Atelier interactif sur le thème « {} » : comprendre les usages professionnels de "
            "part et d'autre du Rhin.",
            "Interaktiver Workshop zum Thema „{}“: die Arbeitskultur auf beiden Seiten des "
            "Rheins verstehen.",
        ),
        "intro": (
            "Travailler de l'autre côté de la frontière, c'est aussi découvrir d'autres "
            "habitudes. Cet atelier, fondé sur des situations concrètes, aide à décoder les "
            "usages professionnels français et allemands.",
            "Wer auf der anderen Seite der Grenze arbeitet, begegnet auch anderen Gewohnheiten. "
            "Dieser Workshop hilft anhand konkreter Situationen, die französische und deutsche "
            "Arbeitskultur zu entschlüsseln.",
        ),
        "topics": [
            (
                "Codes du travail en France et en Allemagne",
                "Arbeitskultur in Frankreich und Deutschland",
            ),
            ("Ponctualité, hiérarchie, tutoiement", "Pünktlichkeit, Hierarchie, Duzen"),
            ("Travailler en équipe franco-allemande", "Im deutsch-französischen Team arbeiten"),
            (
                "Malentendus interculturels au quotidien",
                "Interkulturelle Missverständnisse im Alltag",
            ),
        ],
        "times": [(14, 0, 120), (9, 30, 120)],
        "capacity": (15, 24),
        "outside": 0.1,
        "audiences": ["job_seekers", "students", "all_public"],
        "companies": (0, 0),
        "languages": {"fr": 15, "de": 10, "fr-de": 75},
    },
    F.COMPANY_VISIT: {
        "weight": 9,
        "title": ("Visite d'entreprise : {}", "Betriebsbesichtigung: {}"),
        "summary": (
            "Découvrez « {} » et échangez avec l'équipe sur ses métiers et ses recrutements.",
            "Entdecken Sie „{}“ und sprechen Sie mit dem Team über Berufe und offene Stellen.",
        ),
        "intro": (
            "Découvrez une entreprise de l'intérieur : ses métiers, ses équipes et ses besoins "
            "de recrutement. La visite se termine par un échange avec les responsables du "
            "recrutement.",
            "Lernen Sie ein Unternehmen von innen kennen: seine Berufe, seine Teams und seinen "
            "Personalbedarf. Zum Abschluss sprechen Sie mit den Personalverantwortlichen.",
        ),
        "topics": [
            ("une plateforme logistique à Kehl", "eine Logistikplattform in Kehl", "kehl-port"),
            (
                "un site industriel du port de Strasbourg",
                "ein Industriestandort im Straßburger Hafen",
                "strasbourg-port",
            ),
            (
                "un atelier de métallerie à Offenburg",
                "eine Metallbauwerkstatt in Offenburg",
                "offenburg-west",
            ),
            (
                "les entreprises de l'Ecoparc de Reichstett",
                "die Unternehmen im Ecoparc Reichstett",
                "reichstett",
            ),
        ],
        "times": [(9, 0, 150), (14, 0, 120)],
        "capacity": (10, 18),
        "outside": 1.0,
        "audiences": ["job_seekers", "young_people", "rsa_recipients"],
        "companies": (1, 1),
    },
    F.EMPLOYER_AFTERWORK: {
        "weight": 7,
        "title": ("Afterwork employeurs : {}", "Arbeitgeber-Afterwork: {}"),
        "summary": (
            "Soirée d'échanges entre employeurs français et allemands sur le thème « {} ».",
            "Austauschabend für französische und deutsche Arbeitgeber zum Thema „{}“.",
        ),
        "intro": (
            "Un moment convivial entre employeurs français et allemands pour partager vos "
            "expériences, rencontrer les partenaires de l'emploi transfrontalier et trouver des "
            "solutions concrètes à vos besoins de recrutement.",
            "Ein geselliger Abend für französische und deutsche Arbeitgeber: Erfahrungen "
            "austauschen, die Partner der grenzüberschreitenden Beschäftigung kennenlernen und "
            "konkrete Lösungen für den Personalbedarf finden.",
        ),
        "topics": [
            ("Recruter de l'autre côté du Rhin", "Rekrutieren auf der anderen Rheinseite"),
            ("L'apprentissage transfrontalier", "Grenzüberschreitende Ausbildung"),
            ("Fidéliser ses salariés frontaliers", "Grenzgänger im Unternehmen halten"),
            (
                "Les aides à l'embauche en France et en Allemagne",
                "Einstellungshilfen in Frankreich und Deutschland",
            ),
        ],
        "times": [(18, 0, 150)],
        "capacity": (50, 80),
        "outside": 0.2,
        "audiences": ["employers", "entrepreneurs"],
        "companies": (3, 8),
    },
    F.RECRUITMENT_MEETING: {
        "weight": 10,
        "title": ("Job dating : {}", "Jobdating: {}"),
        "summary": (
            "Des entreprises qui recrutent vous attendent pour des entretiens courts – {}.",
            "Unternehmen mit offenen Stellen erwarten Sie zu kurzen Gesprächen – {}.",
        ),
        "intro": (
            "Des entreprises qui recrutent rencontrent des candidates et candidats en entretiens "
            "de dix minutes. Apportez plusieurs exemplaires de votre CV ; l'équipe du Lieu "
            "ressource vous aide à le préparer si besoin.",
            "Unternehmen mit offenen Stellen treffen Bewerberinnen und Bewerber in Gesprächen "
            "von zehn Minuten. Bringen Sie mehrere Exemplare Ihres Lebenslaufs mit; das Team des "
            "Lieu ressource hilft Ihnen bei Bedarf bei der Vorbereitung.",
        ),
        "topics": [
            ("Métiers de la logistique", "Berufe in der Logistik"),
            ("Hôtellerie-restauration", "Hotellerie und Gastronomie"),
            ("Maintenance industrielle", "Industrielle Instandhaltung"),
            ("Aide à la personne", "Pflege und Betreuung"),
            ("Transport et conduite", "Transport und Fahrdienste"),
            ("Commerce et vente", "Handel und Verkauf"),
        ],
        "times": [(9, 30, 180), (14, 0, 180)],
        "capacity": (40, 60),
        "outside": 0.25,
        "audiences": ["job_seekers", "rsa_recipients", "employers"],
        "companies": (3, 8),
    },
    F.PITCH_EVENING: {
        "weight": 5,
        "title": ("Soirée pitch : {}", "Pitch-Abend: {}"),
        "summary": (
            "Trois minutes pour convaincre : soirée de pitchs sur le thème « {} ».",
            "Drei Minuten, um zu überzeugen: Pitch-Abend zum Thema „{}“.",
        ),
        "intro": (
            "Porteuses et porteurs de projet présentent leur idée en trois minutes devant un "
            "public bienveillant d'entrepreneurs, de financeurs et de partenaires de la création "
            "d'entreprise, des deux côtés du Rhin.",
            "Gründerinnen und Gründer stellen ihre Idee in drei Minuten vor einem wohlwollenden "
            "Publikum aus Unternehmern, Geldgebern und Partnern der Existenzgründung beider "
            "Rheinseiten vor.",
        ),
        "topics": [
            ("Projets d'entreprise franco-allemands", "Deutsch-französische Gründungsprojekte"),
            ("Entreprendre dans les quartiers", "Gründen im Stadtteil"),
            ("Économie sociale et solidaire", "Sozial- und Solidarwirtschaft"),
            ("Créatrices d'entreprise", "Gründerinnen"),
        ],
        "times": [(18, 30, 150)],
        "capacity": (60, 90),
        "outside": 0.1,
        "audiences": ["entrepreneurs", "employers", "all_public"],
        "companies": (0, 2),
    },
    F.PERMANENCE: {
        "weight": 18,
        "title": ("Permanence : {}", "Sprechstunde: {}"),
        "summary": (
            "Sans rendez-vous, une conseillère ou un conseiller répond à vos questions – {}.",
            "Ohne Termin beantwortet eine Beraterin oder ein Berater Ihre Fragen – {}.",
        ),
        "intro": (
            "Une conseillère ou un conseiller répond à vos questions et vous oriente vers le bon "
            "interlocuteur en France ou en Allemagne, par exemple le Service de Placement "
            "Transfrontalier de Kehl.",
            "Eine Beraterin oder ein Berater beantwortet Ihre Fragen und verweist Sie an die "
            "richtige Stelle in Frankreich oder Deutschland, zum Beispiel an den "
            "grenzüberschreitenden Vermittlungsservice in Kehl.",
        ),
        "topics": [
            ("Travailler en Allemagne", "Arbeiten in Deutschland"),
            ("Service de Placement Transfrontalier", "Grenzüberschreitender Vermittlungsservice"),
            ("Création d'entreprise", "Existenzgründung"),
            ("Droits des travailleurs frontaliers", "Rechte von Grenzgängern"),
        ],
        "times": [(9, 0, 180), (14, 0, 180)],
        "capacity": (10, 15),
        "outside": 0.25,
        "audiences": ["all_public", "job_seekers", "entrepreneurs"],
        "companies": (0, 0),
    },
    F.IDEA_LAB: {
        "weight": 6,
        "title": ("Labo d'idées : {}", "Ideenlabor: {}"),
        "summary": (
            "Atelier créatif en petit groupe sur le thème « {} ».",
            "Kreativworkshop in kleiner Runde zum Thema „{}“.",
        ),
        "intro": (
            "Un laboratoire d'idées pour imaginer et tester, en petit groupe et avec des méthodes "
            "créatives, des projets d'activité ou des réponses aux besoins du quartier.",
            "Ein Ideenlabor, um in kleiner Runde und mit kreativen Methoden Geschäftsideen oder "
            "Antworten auf die Bedürfnisse des Stadtteils zu entwickeln und zu erproben.",
        ),
        "topics": [
            ("Tester son idée d'activité", "Die eigene Geschäftsidee testen"),
            ("Monter un projet collectif dans son quartier", "Ein Projekt im Stadtteil aufbauen"),
            ("Les services de demain au Port du Rhin", "Dienstleistungen von morgen am Rheinhafen"),
        ],
        "times": [(14, 0, 180), (9, 30, 180)],
        "capacity": (12, 20),
        "outside": 0.35,
        "audiences": ["entrepreneurs", "students", "qpv_residents"],
        "companies": (0, 0),
    },
    F.INFORMATION_SESSION: {
        "weight": 12,
        "title": ("Réunion d'information : {}", "Infoveranstaltung: {}"),
        "summary": (
            "Tout savoir sur « {} », avec les partenaires français et allemands du Lieu ressource.",
            "Alles Wichtige zum Thema „{}“, mit den französischen und deutschen Partnern des "
            "Lieu ressource.",
        ),
        "intro": (
            "Une réunion d'information claire et pratique, suivie d'un temps de questions-réponses "
            "avec les partenaires français et allemands du Lieu ressource.",
            "Eine klare, praxisnahe Infoveranstaltung mit anschließender Fragerunde mit den "
            "französischen und deutschen Partnern des Lieu ressource.",
        ),
        "topics": [
            ("Travailler en Allemagne, mode d'emploi", "Arbeiten in Deutschland – so geht's"),
            ("Le parcours Tremplin sur le Rhin", "Das Programm „Tremplin sur le Rhin“"),
            (
                "Sécurité sociale et impôts des frontaliers",
                "Sozialversicherung und Steuern für Grenzgänger",
            ),
            ("L'apprentissage en Allemagne", "Ausbildung in Deutschland"),
            ("Se former en allemand", "Deutsch lernen für den Beruf"),
        ],
        "times": [(10, 0, 90), (14, 30, 90), (17, 30, 90)],
        "capacity": (30, 50),
        "outside": 0.3,
        "audiences": ["job_seekers", "rsa_recipients", "students", "qpv_residents"],
        "companies": (0, 1),
    },
    F.WORKING_CIRCLE: {
        "weight": 7,
        "title": ("Cercle d'entreprises : {}", "Unternehmenskreis: {}"),
        "summary": (
            "Les entreprises du territoire construisent ensemble leurs réponses – {}.",
            "Unternehmen der Region entwickeln gemeinsam Lösungen – {}.",
        ),
        "intro": (
            "Le cercle réunit des entreprises du territoire autour de leurs besoins en "
            "compétences, pour construire ensemble des actions de recrutement, de formation et de "
            "fidélisation.",
            "Der Kreis bringt Unternehmen der Region rund um ihren Fachkräftebedarf zusammen, um "
            "gemeinsam Maßnahmen zu Rekrutierung, Weiterbildung und Mitarbeiterbindung zu "
            "entwickeln.",
        ),
        "topics": [
            ("Besoins en compétences de la logistique", "Fachkräftebedarf in der Logistik"),
            ("Métiers en tension de l'industrie", "Engpassberufe in der Industrie"),
            ("Filière bois", "Holzbranche"),
            ("Transition écologique dans le bâtiment", "Ökologischer Wandel im Bauwesen"),
            ("Ecoparc de Reichstett", "Ecoparc Reichstett"),
        ],
        "times": [(8, 30, 90), (12, 0, 90)],
        "capacity": (20, 30),
        "outside": 0.2,
        "audiences": ["employers"],
        "companies": (4, 10),
    },
}
del F
