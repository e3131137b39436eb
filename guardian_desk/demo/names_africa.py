"""Children's names from Eritrea (Tigrinya, Ge'ez script) and Somalia (Somali, Latin script).

Neither naming system has family names: a child is known by their own name and their father's
(Eritrea) or father's and grandfather's (Somalia). The "family" tables below are therefore
fathers' names, which is what an officer writes in the family-name field.
"""

from __future__ import annotations

from guardian_desk.demo.tables import table

TIGRINYA_MALE = table("""
Yonas=ዮናስ; Kidane=ኪዳነ; Tesfay=ተስፋይ; Dawit=ዳዊት; Samuel=ሳሙኤል; Yohannes=ዮሃንስ
Filmon=ፊልሞን; Robel=ሮቤል; Aron=ኣሮን; Henok=ሄኖክ; Merhawi=መርሃዊ; Biniam=ቢንያም
Mussie=ሙሴ; Habtom=ሃብቶም; Tekle=ተኽለ; Berhane=ብርሃነ; Amanuel=ኣማኑኤል; Daniel=ዳንኤል
Efrem=ኤፍሬም; Kibrom=ክብሮም; Mehari=መሓሪ; Natnael=ናትናኤል; Tewolde=ተወልደ; Weldu=ወልዱ
Zerai=ዘርኣይ; Abel=ኣቤል; Michael=ሚካኤል; Yared=ያሬድ; Mebrahtu=መብራህቱ; Goitom=ጎይቶም
Fitsum=ፍጹም; Hagos=ሓጎስ; Medhanie=መድሃኔ; Samson=ሳምሶን; Elias=ኤልያስ; Simon=ስምኦን
Mulugeta=ሙሉጌታ; Okbay=ዑቕባይ; Yishak=ይስሃቕ; Selemun=ሰለሙን; Tedros=ቴድሮስ; Nahom=ናሆም
Eyob=ኢዮብ; Ermias=ኤርምያስ; Kaleab=ካሌብ
""")

TIGRINYA_FEMALE = table("""
Selam=ሰላም; Senait=ሰናይት; Helen=ሄለን; Luwam=ሉዋም; Saba=ሳባ; Ruth=ሩት; Winta=ዊንታ
Yordanos=ዮርዳኖስ; Feven=ፌቨን; Eden=ኤደን; Hiwet=ሕወት; Mebrat=መብራት; Tsega=ጸጋ
Almaz=ኣልማዝ; Rahel=ራሄል; Semhar=ሰምሃር; Yohana=ዮሃና; Aster=ኣስቴር; Meron=ሜሮን
""")

TIGRINYA_FATHERS = table(
    """
Tesfay=ተስፋይ; Kidane=ኪዳነ; Tekle=ተኽለ; Berhane=ብርሃነ; Habte=ሃብተ; Ghebremedhin=ገብረመድህን
Woldemichael=ወልደሚካኤል; Asmerom=ኣስመሮም; Gebreyesus=ገብረየሱስ; Tsegay=ጸጋይ; Kahsay=ካሕሳይ
Andemariam=ኣንደማርያም; Berhe=በርሀ; Haile=ሃይለ; Mehari=መሓሪ; Tewolde=ተወልደ; Weldu=ወልዱ
Zerai=ዘርኣይ; Mebrahtu=መብራህቱ; Goitom=ጎይቶም; Hagos=ሓጎስ; Medhanie=መድሃኔ; Yemane=የማነ
Ghirmay=ግርማይ; Negash=ነጋሽ; Okbazghi=ዑቕባዝጊ; Fessehaye=ፍስሃየ; Sium=ስዩም; Isaak=ይስሃቕ
Abraha=ኣብርሃ; Measho=መኣሾ; Teklemariam=ተኽለማርያም
""",
    skew=0.2,
)

SOMALI_MALE = table("""
Mohamed; Abdirahman; Abdullahi; Ahmed; Ali; Hassan; Hussein; Omar; Yusuf; Ismail; Ibrahim
Abdikarim; Abdiaziz; Abdirizak; Abdiwali; Mahad; Liban; Guled; Bashir; Farah; Hamza
Khalid; Mukhtar; Nuur; Osman; Said; Sharmarke; Warsame; Yasin; Zakariye; Dahir; Jama
Abdinasir; Faysal; Abdiqani; Mustafe; Idiris; Sakariye; Hamse; Abdifatah; Salaad; Awil
""")

SOMALI_FEMALE = table("""
Hodan; Amina; Fadumo; Hawa; Ifrah; Khadra; Sagal; Ubah; Nimco; Ayaan; Maryan; Deeqa
Sahra; Ikran; Filsan; Hibo
""")

SOMALI_FATHERS = table(
    """
Mohamed; Ahmed; Hassan; Ali; Warsame; Farah; Jama; Abdi; Omar; Osman; Nur; Yusuf
Ibrahim; Hersi; Dirie; Egal; Aden; Mohamud; Abdullahi; Ismail; Gedi; Hirsi; Samatar
Elmi; Duale; Shire; Guled; Abdille; Haji; Muse; Adan; Roble
""",
    skew=0.2,
)
