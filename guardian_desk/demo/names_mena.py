"""Children's names from Syria, Iraq, Egypt, Morocco and Algeria, and Kurdish names.

Arabic names are in Arabic script with the Latin spelling usual in each country (Syrian
"Mohammad", Iraqi "Mohammed", Egyptian and Maghrebi "Mohamed"). Sorani Kurdish names are in
the Kurdish Arabic alphabet (with ڕ ێ ۆ ڵ ە); Kurmanji names are in the Latin (Hawar) alphabet,
which Kurmanji speakers write, so they have no second form.
"""

from __future__ import annotations

from guardian_desk.demo.tables import table

SYRIAN_MALE = table("""
Mohammad=محمد; Ahmad=أحمد; Omar=عمر; Khaled=خالد; Yousef=يوسف; Ibrahim=إبراهيم
Hamza=حمزة; Abdullah=عبد الله; Mahmoud=محمود; Mustafa=مصطفى; Ali=علي; Hussein=حسين
Hassan=حسن; Bilal=بلال; Anas=أنس; Amjad=أمجد; Tarek=طارق; Walid=وليد; Ziad=زياد
Rami=رامي; Sami=سامي; Fadi=فادي; Majd=مجد; Qusai=قصي; Louay=لؤي; Firas=فراس
Saeed=سعيد; Adnan=عدنان; Obaida=عبيدة; Moaz=معاذ; Yazan=يزن; Laith=ليث; Karam=كرم
Wassim=وسيم; Jamil=جميل; Hadi=هادي; Samer=سامر; Mazen=مازن; Abdulrahman=عبد الرحمن
Ayham=أيهم; Mohannad=مهند; Zaid=زيد; Iyad=إياد; Raed=رائد; Kinan=كنان; Yamen=يامن
Ghaith=غيث
""")

SYRIAN_FEMALE = table("""
Fatima=فاطمة; Aya=آية; Rama=راما; Sara=سارة; Lina=لينا; Hala=هلا; Nour=نور; Rasha=رشا
Reem=ريم; Dana=دانا; Yasmin=ياسمين; Maryam=مريم; Ghada=غادة; Bayan=بيان; Shahd=شهد
Hiba=هبة; Ruba=ربى; Jana=جنى; Lama=لمى; Amal=أمل; Razan=رزان; Doaa=دعاء
""")

SYRIAN_FAMILY = table(
    """
Al-Hassan=الحسن; Al-Ahmad=الأحمد; Al-Ali=العلي; Al-Khatib=الخطيب; Haddad=حداد
Al-Masri=المصري; Al-Halabi=الحلبي; Al-Hamwi=الحموي; Al-Homsi=الحمصي; Al-Shami=الشامي
Darwish=درويش; Kanaan=كنعان; Al-Najjar=النجار; Al-Zoubi=الزعبي; Al-Hariri=الحريري
Sabbagh=صباغ; Al-Omar=العمر; Al-Sheikh=الشيخ; Qassem=قاسم; Al-Hussein=الحسين
Hamdan=حمدان; Al-Jasem=الجاسم; Al-Mohammad=المحمد; Khalil=خليل; Al-Aswad=الأسود
Al-Rifai=الرفاعي; Barakat=بركات; Mansour=منصور; Issa=عيسى; Othman=عثمان
Al-Saleh=الصالح; Al-Abdullah=العبدالله; Al-Hallak=الحلاق; Al-Idlibi=الإدلبي
""",
    skew=0.3,
)

IRAQI_MALE = table("""
Mohammed=محمد; Ahmed=أحمد; Ali=علي; Hussein=حسين; Hassan=حسن; Mustafa=مصطفى
Haider=حيدر; Abbas=عباس; Karrar=كرار; Sajjad=سجاد; Murtada=مرتضى; Ammar=عمار
Yaser=ياسر; Zaid=زيد; Mahdi=مهدي; Muntadhar=منتظر; Qasim=قاسم; Omar=عمر; Ibrahim=إبراهيم
Abdullah=عبد الله; Yousif=يوسف; Saif=سيف; Hamza=حمزة; Baqir=باقر; Jaafar=جعفر
Alaa=علاء; Mohanad=مهند; Ayad=إياد; Aws=أوس; Taha=طه; Raad=رعد; Yassin=ياسين
Ghaith=غيث; Salah=صلاح; Hashim=هاشم; Khalid=خالد; Anmar=أنمار; Amir=أمير; Adel=عادل
Wissam=وسام
""")

IRAQI_FEMALE = table("""
Zahraa=زهراء; Fatima=فاطمة; Maryam=مريم; Noor=نور; Ruqaya=رقية; Zainab=زينب
Sara=سارة; Hawraa=حوراء; Ola=علا; Shahad=شهد; Rusul=رسل; Duaa=دعاء
""")

IRAQI_FAMILY = table(
    """
Al-Jubouri=الجبوري; Al-Obaidi=العبيدي; Al-Dulaimi=الدليمي; Al-Shammari=الشمري
Al-Tamimi=التميمي; Al-Saadi=الساعدي; Al-Rubaie=الربيعي; Al-Zubaidi=الزبيدي
Al-Khafaji=الخفاجي; Al-Musawi=الموسوي; Al-Hashimi=الهاشمي; Al-Azzawi=العزاوي
Al-Bayati=البياتي; Al-Janabi=الجنابي; Al-Kaabi=الكعبي; Al-Anbari=الأنباري
Al-Bahadli=البهادلي; Al-Lami=اللامي; Al-Quraishi=القريشي; Al-Ameri=العامري
Al-Hilli=الحلي; Al-Basri=البصري; Al-Mosuli=الموصلي; Al-Kubaisi=الكبيسي
Al-Samarrai=السامرائي; Al-Hamdani=الحمداني; Al-Asadi=الأسدي; Al-Fartousi=الفرطوسي
Al-Karbalai=الكربلائي; Al-Saedi=الساعدي
""",
    skew=0.3,
)

EGYPTIAN_MALE = table("""
Mohamed=محمد; Ahmed=أحمد; Mahmoud=محمود; Mostafa=مصطفى; Youssef=يوسف; Omar=عمر
Ali=علي; Abdelrahman=عبد الرحمن; Karim=كريم; Ibrahim=إبراهيم; Hassan=حسن; Hossam=حسام
Islam=إسلام; Amr=عمرو; Tamer=تامر; Sherif=شريف; Mina=مينا; Kirollos=كيرلس
Beshoy=بيشوي; Ziad=زياد; Seif=سيف; Hazem=حازم; Marwan=مروان; Yassin=ياسين
Khaled=خالد; Adham=أدهم; Moaz=معاذ; Abdallah=عبد الله; Hamza=حمزة; Belal=بلال
Saeed=سعيد; Taha=طه; Walid=وليد; Ramy=رامي; Mark=مارك; Fady=فادي; Abanoub=أبانوب
Mohanad=مهند; Shady=شادي; Eyad=إياد
""")

EGYPTIAN_FEMALE = table("""
Mariam=مريم; Nour=نور; Salma=سلمى; Habiba=حبيبة; Malak=ملك; Farida=فريدة; Jana=جنى
Rawan=روان
""")

EGYPTIAN_FAMILY = table(
    """
Abdelaziz=عبد العزيز; El-Sayed=السيد; Hassan=حسن; Mahmoud=محمود; Ibrahim=إبراهيم
Mostafa=مصطفى; Fahmy=فهمي; Gamal=جمال; Shehata=شحاتة; Soliman=سليمان; Farouk=فاروق
Hegazy=حجازي; Ramadan=رمضان; Salah=صلاح; Mansour=منصور; Khalil=خليل; Nasr=نصر
Abdelhamid=عبد الحميد; Girgis=جرجس; Tawfik=توفيق; Attia=عطية; Saad=سعد
El-Masry=المصري; Abdelsalam=عبد السلام; Zaki=زكي; Fouad=فؤاد; Hanna=حنا; Youssef=يوسف
Ashour=عاشور; Badawi=بدوي
""",
    skew=0.3,
)

MOROCCAN_MALE = table("""
Youssef=يوسف; Ayoub=أيوب; Mehdi=مهدي; Amine=أمين; Anas=أنس; Hamza=حمزة; Ilyas=إلياس
Zakaria=زكرياء; Bilal=بلال; Soufiane=سفيان; Reda=رضا; Othmane=عثمان; Walid=وليد
Karim=كريم; Nabil=نبيل; Rachid=رشيد; Yassine=ياسين; Abdelilah=عبد الإله; Mohamed=محمد
Ismail=إسماعيل; Hicham=هشام; Adil=عادل; Imad=عماد; Achraf=أشرف; Oussama=أسامة
Marouane=مروان; Said=سعيد; Khalid=خالد; Hamid=حميد; Samir=سمير; Abdessamad=عبد الصمد
Badr=بدر; Zouhair=زهير; Aymane=أيمن; Nourdine=نور الدين; Tarik=طارق; Younes=يونس
Amir=أمير; Moad=معاذ; Taha=طه
""")

MOROCCAN_FEMALE = table("""
Salma=سلمى; Fatima Zahra=فاطمة الزهراء; Khadija=خديجة; Imane=إيمان; Hajar=هاجر
Meryem=مريم; Chaimae=شيماء; Oumaima=أميمة
""")

MOROCCAN_FAMILY = table(
    """
El Idrissi=الإدريسي; Benali=بنعلي; Bennani=بناني; El Amrani=العمراني; Alaoui=العلوي
Tazi=التازي; Berrada=برادة; El Fassi=الفاسي; Ouazzani=الوزاني; Chraibi=الشرايبي
Benjelloun=بنجلون; Ait Ali=آيت علي; Boukhari=البخاري; Ziani=الزياني
El Mansouri=المنصوري; Haddaoui=الحداوي; Bouzidi=البوزيدي; Lahlou=لحلو; Naciri=الناصري
El Ouardi=الوردي; Ait Brahim=آيت إبراهيم; El Khattabi=الخطابي; Azzouzi=العزوزي
Belhaj=بلحاج; Ouali=والي; Saidi=السعيدي; Tahiri=الطاهري; Sabri=صبري; Jabri=الجابري
Rifi=الريفي
""",
    skew=0.3,
)

ALGERIAN_MALE = table("""
Mohamed=محمد; Yacine=ياسين; Amine=أمين; Walid=وليد; Sofiane=سفيان; Bilal=بلال
Abdelkader=عبد القادر; Riad=رياض; Fares=فارس; Nassim=نسيم; Lotfi=لطفي; Mourad=مراد
Aymen=أيمن; Islam=إسلام; Redouane=رضوان; Karim=كريم; Mehdi=مهدي; Oussama=أسامة
Hichem=هشام; Adel=عادل; Ayoub=أيوب; Samir=سمير; Djamel=جمال; Rayane=ريان
Zinedine=زين الدين; Houssem=حسام; Anis=أنيس; Chakib=شكيب; Khaled=خالد
Abderrahmane=عبد الرحمن; Idir=إيدير; Massinissa=ماسينيسا; Aksel=أكسل; Yanis=يانيس
Koceila=كسيلة; Juba=يوبا; Amar=عمار; Salim=سليم; Nabil=نبيل; Hamza=حمزة
""")

ALGERIAN_FEMALE = table("""
Amel=أمال; Lina=لينا; Sarah=سارة; Yasmine=ياسمين; Meriem=مريم; Imene=إيمان
""")

ALGERIAN_FAMILY = table(
    """
Benali=بن علي; Mansouri=منصوري; Belkacem=بلقاسم; Bouzid=بوزيد; Hamidi=حميدي
Saidi=سعيدي; Ait Ahmed=آيت أحمد; Meziane=مزيان; Amrani=عمراني; Cherif=شريف
Brahimi=براهيمي; Khelifi=خليفي; Boukhalfa=بوخلفة; Larbi=العربي; Zerrouki=زروقي
Benaissa=بن عيسى; Bouazza=بوعزة; Haddad=حداد; Belaidi=بلعيدي; Kaci=قاسي; Touati=تواتي
Rahmani=رحماني; Slimani=سليماني; Djebbar=جبار; Messaoudi=مسعودي; Benyahia=بن يحيى
Mebarki=مباركي; Aouadi=عوادي; Ferhat=فرحات; Ouali=والي
""",
    skew=0.3,
)

SORANI_MALE = table("""
Karwan=کاروان; Rebin=ڕێبین; Shvan=شڤان; Dilshad=دڵشاد; Hawre=هاوڕێ; Aram=ئارام
Sherzad=شێرزاد; Rawand=ڕەوەند; Hemn=هێمن; Zana=زانا; Soran=سۆران; Kawa=کاوە
Baran=باران; Daban=دابان; Hardi=هەردی; Ari=ئاری; Azad=ئازاد; Bakhtiyar=بەختیار
Goran=گۆران; Hersh=هێرش; Diyar=دیار; Rebwar=ڕێبوار; Shakhawan=شاخەوان; Sarkawt=سەرکەوت
Kosrat=کۆسرەت; Ranj=ڕەنج; Bestun=بێستوون; Halo=هەڵۆ; Shorsh=شۆڕش; Hiwa=هیوا; Ako=ئاکۆ
Kamaran=کامەران; Muhammad=موحەمەد; Ahmad=ئەحمەد; Omed=ئومێد; Yad=یاد; Dara=دارا
Lawk=لاوک; Zhyar=ژیار; Barzan=بەرزان
""")

SORANI_FEMALE = table("""
Shilan=شیلان; Nasrin=نەسرین; Rozhan=ڕۆژان; Shirin=شیرین; Lana=لانا; Chnar=چنار
Avin=ئاڤین; Bafrin=بەفرین; Dilan=دیلان; Zhila=ژیلا; Hana=هانا; Sazan=سازان; Tavga=تاڤگە
""")

SORANI_FAMILY = table(
    """
Ahmed=ئەحمەد; Mohammed=محەمەد; Karim=کەریم; Aziz=عەزیز; Rashid=ڕەشید; Qadir=قادر
Salih=ساڵح; Mahmood=مەحمود; Hassan=حەسەن; Omer=عومەر; Jalal=جەلال; Sabir=سابیر
Hussein=حوسێن; Abdullah=عەبدوڵڵا; Rasul=ڕەسوڵ; Faraj=فەرەج; Hamid=حەمید; Jamal=جەمال
Khalid=خالید; Saeed=سەعید; Othman=عوسمان; Ismail=ئیسماعیل; Majid=مەجید; Tofiq=تۆفیق
Hama=حەمە; Nuri=نووری; Anwar=ئەنوەر; Fattah=فەتاح; Mustafa=مستەفا; Amin=ئەمین
""",
    skew=0.3,
)

KURMANJI_MALE = table("""
Rojhat; Rêber; Welat; Zinar; Serhat; Azad; Baran; Dilovan; Şiyar; Rênas; Hozan; Dilşad
Jiyar; Agir; Ciwan; Mazlum; Kawa; Ferhad; Hejar; Şêrko; Alan; Aram; Heval; Rizgar; Xebat
Zana; Ronî; Delîl; Sînan; Şervan; Aras; Bawer; Berzan; Diyar; Hêja; Mervan; Nûredîn
Rezan; Serdar; Welid
""")

KURMANJI_FEMALE = table("""
Jiyan; Rojda; Berfîn; Ronahî; Nalîn; Hêvî; Zelal; Bêrîvan; Dilan; Rûken; Evîn; Avîn
Gulistan; Viyan
""")

KURMANJI_FAMILY = table(
    """
Ehmed; Xelîl; Silêman; Hesen; Mistefa; Birahîm; Osman; Ûsiv; Şêxo; Haco; Omer; Reşîd
Ebdo; Elî; Hemo; Bekir; Mûsa; Kemal; Temo; Îbo; Hesko; Biro; Xalid; Cemîl; Mihemed
Sîdo; Kalo; Hecî; Remo; Nebî
""",
    skew=0.3,
)
