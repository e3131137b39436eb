"""Names of guardians and local staff in South-Eastern Europe, in each community's usual script.

Albanian, Kosovar, Bosnian, Montenegrin and Croatian names are Latin with their diacritics;
Macedonian and Bulgarian names are Cyrillic; Greek names are Greek. Serbian names are written
in Latin here and turned into Cyrillic for the part of the staff who use it (both alphabets are
official in Serbia). Family names that change with gender are given as masculine/feminine or
derived by the community's rule (Macedonian -ски/-ска, Bulgarian -ов/-ова).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from guardian_desk.demo.tables import Table, table


@dataclass(frozen=True)
class Community:
    key: str
    language: str  # ISO 639-3 code of the native language
    male: Table
    female: Table
    family: Table
    feminine: Callable[[str], str] = lambda name: name
    cyrillic_share: float = 0.0  # Serbian: how many write their name in Cyrillic


def _slavic_feminine(name: str) -> str:
    if name.endswith("ски"):
        return name[:-1] + "а"
    if name.endswith(("ов", "ев")):
        return name + "а"
    return name


ALBANIAN = Community(
    "albanian",
    "sqi",
    table("""
Arben; Besnik; Dritan; Erion; Gentian; Ilir; Klodian; Kreshnik; Ledio; Mirel; Olsi; Arjan
Bledar; Edmond; Fatos; Genci; Gjergj; Ardit; Endrit; Ermal; Florian; Jurgen; Marsel; Sokol
Altin; Artan; Elton; Ervin; Saimir; Taulant
"""),
    table("""
Elira; Anila; Blerina; Brunilda; Dorina; Eneida; Entela; Erjona; Fjoralba; Gerta; Ina
Jonida; Klea; Ledia; Mirela; Oriona; Rezarta; Silvana; Valbona; Xhensila; Alketa; Arta
Besjana; Denada; Elona; Ilda; Juliana; Lindita; Marsida; Teuta; Albana; Manjola
"""),
    table(
        """
Hoxha; Shehu; Dervishi; Kola; Leka; Marku; Gjoka; Çela; Hysa; Basha; Mema; Prifti; Dushku
Meta; Kraja; Zeneli; Bregu; Sula; Lika; Muça; Tafaj; Cani; Koçi; Hasani; Xhafa; Gjini
Allushi; Lama; Pepa; Duka; Shkurti; Kapllani; Musaraj; Bushati; Ndreu; Pjetri; Kaçi
""",
        skew=0.2,
    ),
)

KOSOVAR = Community(
    "kosovar",
    "sqi",
    table("""
Agon; Arbër; Blerim; Driton; Fatmir; Valon; Visar; Besart; Labinot; Shpëtim; Ardian
Burim; Lulzim; Veton; Egzon; Arianit; Granit; Kushtrim
"""),
    table("""
Vjosa; Albulena; Blerta; Drita; Egzona; Fjolla; Hana; Kaltrina; Lirije; Njomza; Rina
Shqipe; Vlora; Zana; Donika; Arbnora
"""),
    table(
        """
Gashi; Krasniqi; Berisha; Morina; Hoxha; Shala; Kelmendi; Bytyqi; Hyseni; Rexhepi
Ahmeti; Osmani; Zeqiri; Mustafa; Haliti; Bajrami; Sylejmani; Rama; Kastrati; Dema
Hajdari; Istrefi; Avdiu; Ramadani
""",
        skew=0.2,
    ),
)

SERBIAN = Community(
    "serbian",
    "srp",
    table("""
Nikola; Marko; Stefan; Miloš; Nemanja; Aleksandar; Dušan; Đorđe; Vladimir; Milan
Dragan; Zoran; Ivan; Vuk; Lazar; Bojan; Goran; Nenad; Predrag; Uroš
"""),
    table("""
Jelena; Milica; Ana; Marija; Jovana; Ivana; Tamara; Dragana; Snežana; Ljiljana; Gordana
Mirjana; Teodora; Katarina; Sanja; Nevena; Biljana; Vesna
"""),
    table(
        """
Jovanović; Petrović; Nikolić; Marković; Đorđević; Stojanović; Ilić; Stanković; Pavlović
Popović; Živković; Todorović; Kostić; Ristić; Lazić; Savić; Milić; Radovanović
Obradović; Vasić; Tomić; Mitrović; Stevanović; Ljubičić; Nedeljković
""",
        skew=0.2,
    ),
    cyrillic_share=0.35,
)

MONTENEGRIN = Community(
    "montenegrin",
    "cnr",
    table("""
Vuk; Luka; Danilo; Balša; Petar; Nikola; Andrija; Vasilije; Mihailo; Veselin; Željko
Predrag; Budimir; Strahinja; Milutin
"""),
    table("""
Milena; Jovana; Sanja; Ljiljana; Vesna; Ksenija; Dragana; Biljana; Andrijana; Tijana
Jelena; Milica; Anđela
"""),
    table(
        """
Vujović; Šćepanović; Radulović; Vukčević; Popović; Bulatović; Knežević; Perović
Raičević; Vujačić; Kaluđerović; Nikčević; Bojanić; Lakić; Radonjić; Vučinić; Pejović
Đurović; Ivanović; Marković
""",
        skew=0.2,
    ),
)

BOSNIAN = Community(
    "bosnian",
    "bos",
    table("""
Amar; Adnan; Emir; Haris; Kenan; Mirza; Tarik; Armin; Edin; Jasmin; Nedim; Senad; Dino
Alen; Almir; Damir; Eldar
"""),
    table("""
Amra; Lejla; Amina; Emina; Selma; Aida; Azra; Merima; Naida; Ajla; Belma; Dženana
Sabina; Maida; Edina; Elma
"""),
    table(
        """
Hodžić; Hadžić; Begić; Delić; Mehmedović; Kovačević; Hasanović; Alić; Husić; Karić
Omerović; Ahmetović; Salihović; Mujić; Softić; Imamović; Bešić; Suljić; Halilović
Džafić; Mešić; Šehić
""",
        skew=0.2,
    ),
)

CROATIAN = Community(
    "croatian",
    "hrv",
    table("Ivan; Josip; Marko; Ante; Tomislav; Mario; Luka; Krešimir; Davor; Stjepan; Mate"),
    table("Ana; Ivana; Marija; Petra; Martina; Mirela; Katarina; Lucija; Nikolina; Dubravka"),
    table(
        """
Horvat; Kovačević; Babić; Marić; Jurić; Novak; Knežević; Vuković; Marković; Perić
Tomić; Pavlović; Božić; Blažević; Grgić
""",
        skew=0.2,
    ),
)

MACEDONIAN = Community(
    "macedonian",
    "mkd",
    table("""
Александар; Никола; Стефан; Марко; Филип; Горан; Дејан; Зоран; Игор; Бојан; Владимир
Кирил; Благоја; Тони; Даниел; Мартин; Ацо; Ѓорѓи
"""),
    table("""
Марија; Елена; Ана; Ивана; Биљана; Снежана; Јасмина; Катерина; Симона; Сања; Виолета
Марина; Александра; Теодора; Ангела; Маја
"""),
    table(
        """
Стојановски; Петровски; Николовски; Трајковски; Димитровски; Јовановски; Георгиевски
Костовски; Ристовски; Илиевски; Стефановски; Митревски; Наумовски; Андоновски
Атанасовски; Велковски; Спасовски; Панчевски; Тодоровски; Симоновски; Ефремов; Петков
""",
        skew=0.2,
    ),
    feminine=_slavic_feminine,
)

BULGARIAN = Community(
    "bulgarian",
    "bul",
    table("""
Георги; Иван; Димитър; Николай; Петър; Христо; Стоян; Тодор; Васил; Атанас; Красимир
Пламен; Светослав; Калоян; Мартин; Веселин
"""),
    table("""
Мария; Елена; Десислава; Йорданка; Гергана; Милена; Радка; Цветелина; Силвия; Петя
Ралица; Надежда; Теодора; Виктория; Анелия; Весела
"""),
    table(
        """
Иванов; Георгиев; Димитров; Петров; Николов; Христов; Стоянов; Тодоров; Илиев
Атанасов; Василев; Петков; Ангелов; Колев; Маринов; Йорданов; Стефанов; Костов; Попов
""",
        skew=0.2,
    ),
    feminine=_slavic_feminine,
)

GREEK = Community(
    "greek",
    "ell",
    table("""
Γιώργος; Δημήτρης; Νίκος; Κώστας; Γιάννης; Παναγιώτης; Βασίλης; Χρήστος; Αθανάσιος
Σπύρος; Μιχάλης; Ευάγγελος; Αντώνης; Στέλιος; Θανάσης; Ηλίας
"""),
    table("""
Μαρία; Ελένη; Αικατερίνη; Βασιλική; Σοφία; Γεωργία; Ευαγγελία; Δήμητρα; Ιωάννα
Αναστασία; Χριστίνα; Κωνσταντίνα; Παναγιώτα; Αγγελική; Δέσποινα
"""),
    table(
        """
Παπαδόπουλος/Παπαδοπούλου; Παπαδάκης/Παπαδάκη; Γεωργίου/Γεωργίου; Οικονόμου/Οικονόμου
Νικολάου/Νικολάου; Παπανικολάου/Παπανικολάου; Βασιλείου/Βασιλείου; Δημητρίου/Δημητρίου
Ιωάννου/Ιωάννου; Μαυρίδης/Μαυρίδου; Καραγιάννης/Καραγιάννη; Αντωνίου/Αντωνίου
Χριστοδούλου/Χριστοδούλου; Κωνσταντινίδης/Κωνσταντινίδου; Αθανασίου/Αθανασίου
Πετρόπουλος/Πετροπούλου; Αλεξίου/Αλεξίου; Μακρής/Μακρή; Λαμπράκης/Λαμπράκη
Σταυρόπουλος/Σταυροπούλου
""",
        skew=0.2,
    ),
)

COMMUNITIES: dict[str, Community] = {
    c.key: c
    for c in (
        ALBANIAN,
        KOSOVAR,
        SERBIAN,
        MONTENEGRIN,
        BOSNIAN,
        CROATIAN,
        MACEDONIAN,
        BULGARIAN,
        GREEK,
    )
}
