"""The offices the demo knows: towns with their coordinates, streets, phones and staff mix.

Each place has two weights: ``people`` (where guardians and mediators live, roughly by
population) and ``reception`` (where children are accommodated: the capital, the larger towns
and the border areas the route crosses). Coordinates are town centres (WGS 84).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    people: float
    reception: float
    border: bool = False


@dataclass(frozen=True)
class Office:
    country: str  # ISO 3166-1 alpha-2, also the case-number prefix
    language: str  # ISO 639-3 code of the office's language
    communities: dict[str, float]  # staff communities (names_staff.COMMUNITIES) by weight
    foreign: dict[str, float]  # foreign languages guardians speak, by how common
    places: tuple[Place, ...]
    streets: tuple[str, ...]
    address: str  # format with {street} and {number}
    border_road: str  # the main road to the border crossings, for border facilities' addresses
    mobile: tuple[str, ...]  # E.164 mobile prefixes
    mobile_digits: int  # digits after the prefix


def _places(text: str) -> tuple[Place, ...]:
    """``Name | latitude | longitude | people | reception [| border]`` per line."""
    places = []
    for line in text.strip().splitlines():
        name, lat, lon, people, reception, *flag = (p.strip() for p in line.split("|"))
        places.append(
            Place(name, float(lat), float(lon), float(people), float(reception), bool(flag))
        )
    return tuple(places)


OFFICES: dict[str, Office] = {
    "AL": Office(
        "AL", "sqi",
        {"albanian": 70, "kosovar": 6, "greek": 7, "macedonian": 6, "montenegrin": 4,
         "serbian": 3, "bosnian": 2, "bulgarian": 2},
        {"eng": 0.75, "ita": 0.45, "deu": 0.15, "fra": 0.1, "ell": 0.12},
        _places("""
Tirana | 41.3275 | 19.8187 | 35 | 3
Durrës | 41.3231 | 19.4414 | 10 | 1
Shkodër | 42.0693 | 19.5033 | 7 | 2
Elbasan | 41.1125 | 20.0822 | 6 | 1
Vlorë | 40.4661 | 19.4914 | 6 | 1
Korçë | 40.6186 | 20.7808 | 5 | 1.5
Fier | 40.7239 | 19.5567 | 5 | 0.5
Berat | 40.7058 | 19.9522 | 3 | 0.5
Lushnjë | 40.9419 | 19.7050 | 3 | 0
Kukës | 42.0767 | 20.4219 | 2 | 0.5
Gjirokastër | 40.0758 | 20.1389 | 3 | 2
Sarandë | 39.8756 | 20.0053 | 2 | 0.5
Lezhë | 41.7836 | 19.6436 | 2 | 0.5
Pogradec | 40.9025 | 20.6525 | 2 | 0.5
Kavajë | 41.1856 | 19.5569 | 2 | 0
Kamëz | 41.3817 | 19.7603 | 3 | 0
Krujë | 41.5092 | 19.7931 | 1 | 0
Përmet | 40.2336 | 20.3517 | 1 | 0.5
Bilisht | 40.6275 | 20.9899 | 1 | 0.5
Kapshticë | 40.6150 | 21.0050 | 0 | 1.5 | border
Kakavijë | 39.9208 | 20.3272 | 0 | 1.5 | border
"""),
        ("Rruga e Kavajës", "Rruga Myslym Shyri", "Rruga Sami Frashëri", "Rruga Naim Frashëri",
         "Rruga Skënderbeu", "Rruga 28 Nëntori", "Bulevardi Republika", "Rruga Ismail Qemali",
         "Rruga Gjergj Fishta", "Rruga e Elbasanit", "Rruga Pjetër Bogdani",
         "Rruga Dëshmorët e Kombit"),
        "{street}, Nr. {number}",
        "Rruga Nacionale",
        ("+35567", "+35568", "+35569"), 7,
    ),
    "XK": Office(
        "XK", "sqi",
        {"kosovar": 75, "albanian": 8, "serbian": 8, "bosnian": 5, "macedonian": 2,
         "montenegrin": 2},
        {"eng": 0.8, "deu": 0.35, "srp": 0.2, "tur": 0.05},
        _places("""
Prishtinë | 42.6629 | 21.1655 | 30 | 2
Prizren | 42.2139 | 20.7397 | 10 | 1
Pejë | 42.6593 | 20.2883 | 6 | 1
Gjakovë | 42.3803 | 20.4308 | 6 | 0.5
Mitrovicë | 42.8914 | 20.8660 | 6 | 0.5
Ferizaj | 42.3702 | 21.1553 | 6 | 0.5
Gjilan | 42.4635 | 21.4694 | 6 | 0.5
Vushtrri | 42.8231 | 20.9675 | 3 | 0
Podujevë | 42.9106 | 21.1931 | 3 | 0
Fushë Kosovë | 42.6381 | 21.0969 | 3 | 0.5
Lipjan | 42.5217 | 21.1258 | 2 | 1.5
Hani i Elezit | 42.1500 | 21.2964 | 1 | 1 | border
Dragash | 42.0622 | 20.6528 | 1 | 0.5 | border
"""),
        ("Rruga Nëna Terezë", "Rruga Garibaldi", "Rruga Fehmi Agani", "Rruga Agim Ramadani",
         "Rruga Luan Haradinaj", "Rruga Rexhep Luci", "Rruga Eqrem Çabej", "Rruga Ilir Konushevci"),
        "{street}, Nr. {number}",
        "Rruga Nacionale",
        ("+38343", "+38344", "+38345", "+38349"), 6,
    ),
    "MK": Office(
        "MK", "mkd",
        {"macedonian": 65, "albanian": 12, "kosovar": 8, "serbian": 5, "bulgarian": 4,
         "greek": 2, "bosnian": 4},
        {"eng": 0.75, "srp": 0.4, "deu": 0.15, "ita": 0.05, "sqi": 0.1},
        _places("""
Skopje | 41.9981 | 21.4254 | 35 | 3
Kumanovo | 42.1322 | 21.7144 | 7 | 1
Bitola | 41.0314 | 21.3347 | 6 | 0.5
Tetovo | 42.0106 | 20.9715 | 6 | 0.5
Veles | 41.7156 | 21.7753 | 3 | 0.5
Štip | 41.7458 | 22.1958 | 3 | 0
Ohrid | 41.1231 | 20.8016 | 3 | 0.5
Strumica | 41.4375 | 22.6431 | 3 | 0
Kičevo | 41.5128 | 20.9589 | 2 | 0
Gostivar | 41.7961 | 20.9083 | 3 | 0
Kavadarci | 41.4331 | 22.0119 | 2 | 0
Prilep | 41.3464 | 21.5542 | 4 | 0.5
Negotino | 41.4839 | 22.0892 | 1 | 0.5
Gevgelija | 41.1392 | 22.5025 | 2 | 2 | border
Tabanovce | 42.2181 | 21.6967 | 0 | 1.5 | border
"""),
        ("ul. Makedonija", "bul. Partizanski Odredi", "ul. Dame Gruev", "bul. Ilinden",
         "ul. Goce Delčev", "ul. Marshal Tito", "ul. Jane Sandanski", "ul. Kiril i Metodij"),
        "{street} {number}",
        "Magistralen pat",
        ("+38970", "+38971", "+38972", "+38975", "+38976", "+38977", "+38978"), 6,
    ),
    "RS": Office(
        "RS", "srp",
        {"serbian": 75, "montenegrin": 6, "bosnian": 6, "macedonian": 4, "bulgarian": 3,
         "albanian": 2, "croatian": 4},
        {"eng": 0.75, "deu": 0.25, "rus": 0.1, "fra": 0.1},
        _places("""
Beograd | 44.8125 | 20.4612 | 30 | 3
Novi Sad | 45.2671 | 19.8335 | 9 | 1
Niš | 43.3209 | 21.8958 | 6 | 1
Kragujevac | 44.0128 | 20.9114 | 5 | 0.5
Obrenovac | 44.6547 | 20.2006 | 2 | 1
Sjenica | 43.2731 | 20.0047 | 1 | 1
Tutin | 42.9906 | 20.3372 | 1 | 1
Vranje | 42.5514 | 21.9003 | 3 | 1
Pirot | 43.1531 | 22.5861 | 2 | 1
Bujanovac | 42.4592 | 21.7667 | 1 | 0.5
Bosilegrad | 42.5003 | 22.4728 | 1 | 0.5
Subotica | 46.1005 | 19.6651 | 4 | 1.5 | border
Šid | 45.1283 | 19.2263 | 1 | 1.5 | border
Preševo | 42.3097 | 21.6492 | 1 | 1.5 | border
Kikinda | 45.8297 | 20.4653 | 2 | 1 | border
Sombor | 45.7742 | 19.1122 | 2 | 1 | border
Dimitrovgrad | 43.0167 | 22.7753 | 1 | 1 | border
Loznica | 44.5333 | 19.2258 | 2 | 0.5 | border
"""),
        ("Bulevar oslobođenja", "Ulica kralja Petra I", "Njegoševa", "Cara Dušana",
         "Vojvode Mišića", "Ulica Nikole Tesle", "Svetog Save", "Karađorđeva",
         "Bulevar Mihajla Pupina"),
        "{street} {number}",
        "Magistralni put",
        ("+38160", "+38161", "+38162", "+38163", "+38164", "+38165", "+38166"), 7,
    ),
    "ME": Office(
        "ME", "cnr",
        {"montenegrin": 55, "serbian": 20, "bosnian": 12, "albanian": 10, "croatian": 3},
        {"eng": 0.75, "ita": 0.2, "rus": 0.1, "deu": 0.1},
        _places("""
Podgorica | 42.4411 | 19.2636 | 30 | 2
Nikšić | 42.7731 | 18.9445 | 8 | 0.5
Bar | 42.0931 | 19.1003 | 5 | 1
Ulcinj | 41.9294 | 19.2244 | 3 | 0.5
Herceg Novi | 42.4531 | 18.5375 | 4 | 0.5
Pljevlja | 43.3567 | 19.3584 | 3 | 0.5
Bijelo Polje | 43.0383 | 19.7476 | 4 | 0.5
Berane | 42.8425 | 19.8733 | 3 | 0.5
Rožaje | 42.8442 | 20.1664 | 2 | 0.5
Cetinje | 42.3931 | 18.9116 | 2 | 0.5
Budva | 42.2864 | 18.8400 | 2 | 0
Kotor | 42.4247 | 18.7712 | 2 | 0
Danilovgrad | 42.5539 | 19.1061 | 2 | 1
Plav | 42.5969 | 19.9456 | 1 | 1 | border
Gusinje | 42.5619 | 19.8339 | 1 | 0.5 | border
Tuzi | 42.3656 | 19.3314 | 2 | 1 | border
"""),
        ("Bulevar Svetog Petra Cetinjskog", "Ulica slobode", "Njegoševa",
         "Bulevar Džordža Vašingtona", "Hercegovačka", "Ulica 13. jula", "Ulica Vaka Đurovića"),
        "{street} {number}",
        "Magistralni put",
        ("+38267", "+38268", "+38269"), 6,
    ),
    "BA": Office(
        "BA", "bos",
        {"bosnian": 55, "serbian": 22, "croatian": 18, "montenegrin": 5},
        {"eng": 0.75, "deu": 0.4, "tur": 0.1},
        _places("""
Sarajevo | 43.8563 | 18.4131 | 25 | 2
Ilidža | 43.8297 | 18.3106 | 3 | 1
Hadžići | 43.8228 | 18.2017 | 2 | 1.5
Bihać | 44.8169 | 15.8708 | 4 | 2
Cazin | 44.9669 | 15.9431 | 2 | 0.5
Bosanska Krupa | 44.8825 | 16.1514 | 1 | 0.5
Tuzla | 44.5384 | 18.6763 | 8 | 1
Mostar | 43.3438 | 17.8078 | 6 | 0.5
Banja Luka | 44.7722 | 17.1910 | 10 | 0.5
Zenica | 44.2034 | 17.9077 | 6 | 0.5
Goražde | 43.6675 | 18.9764 | 2 | 0.5
Doboj | 44.7314 | 18.0847 | 3 | 0
Velika Kladuša | 45.1842 | 15.8058 | 2 | 1.5 | border
Trebinje | 42.7119 | 18.3433 | 2 | 0.5 | border
Brčko | 44.8728 | 18.8103 | 3 | 0.5 | border
Zvornik | 44.3861 | 19.1022 | 2 | 1 | border
"""),
        ("Ulica Maršala Tita", "Ferhadija", "Zmaja od Bosne", "Titova", "Branilaca Bosne",
         "Bulevar Meše Selimovića", "Ulica Safvet-bega Bašagića", "Kralja Tvrtka"),
        "{street} {number}",
        "Magistralni put",
        ("+38761", "+38762", "+38763", "+38765", "+38766"), 6,
    ),
    "GR": Office(
        "GR", "ell",
        {"greek": 80, "albanian": 8, "bulgarian": 5, "macedonian": 3, "serbian": 4},
        {"eng": 0.9, "fra": 0.2, "deu": 0.2, "ita": 0.1},
        _places("""
Athina | 37.9838 | 23.7275 | 35 | 3
Thessaloniki | 40.6401 | 22.9444 | 12 | 2
Ioannina | 39.6650 | 20.8537 | 3 | 1
Patra | 38.2466 | 21.7346 | 4 | 1
Larisa | 39.6390 | 22.4191 | 4 | 0.5
Volos | 39.3622 | 22.9420 | 3 | 0.5
Kozani | 40.3007 | 21.7887 | 2 | 0.5
Kastoria | 40.5193 | 21.2687 | 1 | 0.5
Polykastro | 40.9956 | 22.5725 | 1 | 1
Kilkis | 40.9937 | 22.8754 | 1 | 0.5
Serres | 41.0856 | 23.5498 | 2 | 0.5
Irakleio | 35.3387 | 25.1442 | 4 | 0.5
Alexandroupoli | 40.8457 | 25.8743 | 2 | 1 | border
Orestiada | 41.5031 | 26.5319 | 1 | 1.5 | border
Mytilini | 39.1045 | 26.5547 | 1 | 1.5 | border
Samos | 37.7547 | 26.9772 | 1 | 1 | border
Kos | 36.8935 | 27.2888 | 1 | 1 | border
Chios | 38.3681 | 26.1358 | 1 | 1 | border
"""),
        ("Odos Egnatias", "Odos Tsimiski", "Leoforos Syngrou", "Odos Patision", "Odos Ermou",
         "Odos Venizelou", "Odos Dodekanisou", "Odos Kolokotroni"),
        "{street} {number}",
        "Ethniki Odos",
        ("+30690", "+30693", "+30694", "+30695", "+30697", "+30698", "+30699"), 7,
    ),
    "BG": Office(
        "BG", "bul",
        {"bulgarian": 85, "macedonian": 5, "greek": 4, "serbian": 3, "albanian": 3},
        {"eng": 0.75, "rus": 0.3, "deu": 0.2, "fra": 0.1},
        _places("""
Sofia | 42.6977 | 23.3219 | 35 | 3
Harmanli | 41.9333 | 25.9000 | 2 | 2
Lyubimets | 41.8431 | 26.0836 | 1 | 1
Plovdiv | 42.1354 | 24.7453 | 9 | 0.5
Varna | 43.2141 | 27.9147 | 8 | 0.5
Burgas | 42.5048 | 27.4626 | 6 | 0.5
Stara Zagora | 42.4258 | 25.6345 | 4 | 0.5
Haskovo | 41.9344 | 25.5554 | 3 | 1
Pleven | 43.4170 | 24.6067 | 3 | 0
Blagoevgrad | 42.0116 | 23.0905 | 3 | 0.5
Svilengrad | 41.7667 | 26.2000 | 1 | 1 | border
Elhovo | 42.1718 | 26.5664 | 1 | 1 | border
Vidin | 43.9962 | 22.8679 | 2 | 0.5 | border
Dragoman | 42.9206 | 22.9311 | 1 | 1 | border
Ruse | 43.8356 | 25.9657 | 4 | 0.5 | border
"""),
        ("bul. Vitosha", "ul. Graf Ignatiev", "bul. Tsar Osvoboditel", "ul. Rakovski",
         "bul. Bulgaria", "ul. Vasil Levski", "ul. Hristo Botev", "bul. Makedonia"),
        "{street} {number}",
        "Glaven put",
        ("+35987", "+35988", "+35989"), 7,
    ),
}  # fmt: skip

SUPPORTED_COUNTRIES: tuple[str, ...] = tuple(OFFICES)
