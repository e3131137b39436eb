"""Children's names from Afghanistan, Pakistan and Bangladesh: Latin form = own script.

Afghan names are in Perso-Arabic script (Dari or Pashto spelling), Pakistani names in Urdu
(Nastaliq letters such as ہ and ے), Bangladeshi names in Bengali script. The Latin forms are the
spellings registration officers on the Balkan route commonly write.
"""

from __future__ import annotations

from guardian_desk.demo.tables import table

DARI_MALE = table("""
Mohammad=محمد; Ahmad=احمد; Ali=علی; Hamid=حمید; Rahim=رحیم; Karim=کریم; Mustafa=مصطفی
Omid=امید; Javad=جواد; Reza=رضا; Hassan=حسن; Hussain=حسین; Jawid=جاوید; Farid=فرید
Nasir=ناصر; Sami=سمیع; Bilal=بلال; Idris=ادریس; Yasin=یاسین; Murtaza=مرتضی; Sajjad=سجاد
Mahdi=مهدی; Amir=امیر; Bashir=بشیر; Navid=نوید; Shafiq=شفیق; Rashid=رشید; Wahid=وحید
Zaker=ذاکر; Nabi=نبی; Qasim=قاسم; Habib=حبیب; Masoud=مسعود; Fawad=فواد; Jamshid=جمشید
Sohrab=سهراب; Elyas=الیاس; Shoaib=شعیب; Hekmat=حکمت; Arash=آرش; Ismail=اسماعیل
Yousuf=یوسف; Ramin=رامین; Milad=میلاد; Hamed=حامد; Ehsan=احسان; Mujtaba=مجتبی
Abbas=عباس; Asadullah=اسدالله; Khalil=خلیل; Zia=ضیا
""")

DARI_FEMALE = table("""
Fatima=فاطمه; Zahra=زهرا; Maryam=مریم; Sakina=سکینه; Marzia=مرضیه; Parwana=پروانه
Nilofar=نیلوفر; Shabnam=شبنم; Freshta=فرشته; Mahsa=مهسا; Zainab=زینب; Laila=لیلا
Somaya=سمیه; Arezo=آرزو; Nazanin=نازنین; Roya=رویا; Masooma=معصومه; Setara=ستاره
Hasina=حسینه; Mursal=مرسل; Tahmina=تهمینه; Farzana=فرزانه
""")

DARI_FAMILY = table(
    """
Ahmadi=احمدی; Rahimi=رحیمی; Hakimi=حکیمی; Karimi=کریمی; Mohammadi=محمدی; Hosseini=حسینی
Rezaei=رضایی; Jafari=جعفری; Hashimi=هاشمی; Sultani=سلطانی; Noori=نوری; Sharifi=شریفی
Azizi=عزیزی; Habibi=حبیبی; Nazari=نظری; Amiri=امیری; Haidari=حیدری; Rasuli=رسولی
Qaderi=قادری; Farahi=فراهی; Samadi=صمدی; Naseri=ناصری; Sadat=سادات; Mirzaei=میرزایی
Akbari=اکبری; Rostami=رستمی; Alizada=علیزاده; Hassani=حسنی; Yousufi=یوسفی; Najafi=نجفی
Ebrahimi=ابراهیمی; Sediqi=صدیقی; Wahidi=وحیدی; Herawi=هروی; Kabiri=کبیری
""",
    skew=0.3,
)

PASHTO_MALE = table("""
Mohammad=محمد; Ahmad=احمد; Abdullah=عبدالله; Naqibullah=نقیب الله; Rahmatullah=رحمت الله
Hayatullah=حیات الله; Sardar=سردار; Zalmai=زلمی; Wali=ولي; Shir=شیر; Noor=نور; Gul=ګل
Jan=جان; Bakht=بخت; Aziz=عزیز; Hamid=حمید; Samiullah=سمیع الله; Zabihullah=ذبیح الله
Asadullah=اسدالله; Ihsanullah=احسان الله; Imran=عمران; Ismail=اسماعیل; Yousaf=یوسف
Bilal=بلال; Idrees=ادریس; Jawad=جواد; Farhad=فرهاد; Khalid=خالد; Rafiullah=رفیع الله
Sayed=سید; Mirwais=میرویس; Ajmal=اجمل; Shahid=شاهد; Tariq=طارق; Waheed=وحید; Zubair=زبیر
Habibullah=حبیب الله; Khushal=خوشحال; Niaz=نیاز; Sultan=سلطان; Ayub=ایوب; Haroon=هارون
Nawid=نوید
""")

PASHTO_FEMALE = table("""
Malalai=ملالۍ; Gulalai=ګلالۍ; Zarmina=زرمینه; Palwasha=پلوشه; Spogmai=سپوږمۍ; Nazo=نازو
Shazia=شازیه; Mina=مینه; Laila=لیلا; Zarghuna=زرغونه; Pashtana=پښتنه; Wagma=وږمه
Nooria=نوریه
""")

PASHTO_FAMILY = table(
    """
Wardak=وردک; Popal=پوپل; Stanikzai=ستانکزی; Ahmadzai=احمدزی; Yousafzai=یوسفزی
Mohmand=مومند; Shinwari=شینواری; Safi=صافی; Zadran=ځدراڼ; Hotak=هوتک; Durrani=درانی
Niazi=نیازی; Kakar=کاکړ; Barakzai=بارکزی; Alokozai=الکوزی; Mangal=منګل; Achakzai=اڅکزی
Noorzai=نورزی; Sahak=ساهک; Khogyani=خوګیانی; Afridi=اپریدی; Khattak=خټک; Tarakai=ترکی
Sherzad=شېرزاد; Zazai=ځاځي; Ghilzai=غلجی; Andar=اندړ; Taniwal=تڼیوال; Azimi=عظیمی
Wardag=وردګ
""",
    skew=0.3,
)

URDU_MALE = table("""
Muhammad=محمد; Ali=علی; Hamza=حمزہ; Bilal=بلال; Usman=عثمان; Umar=عمر; Hassan=حسن
Zain=زین; Faisal=فیصل; Imran=عمران; Kashif=کاشف; Waqas=وقاص; Adeel=عدیل; Asad=اسد
Shahid=شاہد; Tariq=طارق; Junaid=جنید; Fahad=فہد; Saad=سعد; Haris=حارث; Ahsan=احسن
Danish=دانش; Irfan=عرفان; Naveed=نوید; Sohail=سہیل; Zeeshan=ذیشان; Waleed=ولید
Rizwan=رضوان; Shoaib=شعیب; Arslan=ارسلان; Talha=طلحہ; Awais=اویس; Kamran=کامران
Abdullah=عبداللہ; Umair=عمیر; Sajid=ساجد; Amir=عامر; Nadeem=ندیم; Yasir=یاسر
Farhan=فرحان; Mohsin=محسن
""")

URDU_FEMALE = table("""
Ayesha=عائشہ; Fatima=فاطمہ; Hina=حنا; Sana=ثنا; Iqra=اقرا; Mehwish=مہوش
""")

URDU_FAMILY = table(
    """
Khan=خان; Ahmed=احمد; Ali=علی; Hussain=حسین; Shah=شاہ; Butt=بٹ; Malik=ملک
Chaudhry=چوہدری; Qureshi=قریشی; Raza=رضا; Iqbal=اقبال; Akhtar=اختر; Javed=جاوید
Aslam=اسلم; Rehman=رحمان; Bhatti=بھٹی; Mirza=مرزا; Sheikh=شیخ; Abbasi=عباسی
Siddiqui=صدیقی; Rana=رانا; Gondal=گوندل; Cheema=چیمہ; Warraich=وڑائچ; Bajwa=باجوہ
Awan=اعوان; Hashmi=ہاشمی; Nawaz=نواز; Anwar=انور; Saleem=سلیم; Tahir=طاہر; Mughal=مغل
""",
    skew=0.3,
)

BENGALI_MALE = table("""
Mohammad=মোহাম্মদ; Rahim=রহিম; Karim=করিম; Hasan=হাসান; Rakib=রাকিব; Sakib=সাকিব
Tanvir=তানভীর; Arif=আরিফ; Shuvo=শুভ; Rasel=রাসেল; Sohel=সোহেল; Jahid=জাহিদ
Nayeem=নাঈম; Rifat=রিফাত; Imran=ইমরান; Sabbir=সাব্বির; Mamun=মামুন; Rony=রনি
Shakil=শাকিল; Hridoy=হৃদয়; Sumon=সুমন; Robiul=রবিউল; Mizan=মিজান; Sajib=সজীব
Masud=মাসুদ; Jewel=জুয়েল; Faruk=ফারুক; Al Amin=আল আমিন; Riyad=রিয়াদ; Tuhin=তুহিন
Foysal=ফয়সাল; Anik=অনিক; Shafiq=শফিক; Jubayer=জুবায়ের; Nazmul=নাজমুল; Parvez=পারভেজ
Habib=হাবিব; Ashik=আশিক; Monir=মনির; Rubel=রুবেল; Shahin=শাহীন; Milon=মিলন
""")

BENGALI_FEMALE = table("""
Sumaiya=সুমাইয়া; Nusrat=নুসরাত; Tania=তানিয়া; Mim=মিম; Jannat=জান্নাত; Sadia=সাদিয়া
Farzana=ফারজানা; Ritu=ঋতু
""")

BENGALI_FAMILY = table(
    """
Hossain=হোসেন; Islam=ইসলাম; Rahman=রহমান; Ahmed=আহমেদ; Uddin=উদ্দিন; Miah=মিয়া
Sarkar=সরকার; Alam=আলম; Khan=খান; Chowdhury=চৌধুরী; Sheikh=শেখ; Mollah=মোল্লা
Talukder=তালুকদার; Biswas=বিশ্বাস; Mondal=মন্ডল; Haque=হক; Karim=করিম; Bhuiyan=ভূঁইয়া
Sikder=শিকদার; Howlader=হাওলাদার; Mridha=মৃধা; Patwary=পাটোয়ারী; Munshi=মুন্সি
Prodhan=প্রধান; Kazi=কাজী; Akand=আকন্দ; Mahmud=মাহমুদ; Sultan=সুলতান
""",
    skew=0.3,
)
