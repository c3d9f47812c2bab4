/**
 * Residents' names by nationality (ISO 3166 alpha-3), as they appear on passports, with the
 * Arabic transliteration used on iqamas. "arabic=english" pairs, comma separated.
 *
 * `arabicNaming`: the four-part Arab name (first, father, grandfather, family) is the norm.
 * For the others the registry holds given name(s) and a family name; Ethiopians have no family
 * name, so the "family" list there holds fathers' names, as on their passports.
 */

export interface NationalityNames {
  code: string;
  nameAr: string;
  nameEn: string;
  arabicNaming: boolean;
  male: string;
  female: string;
  family: string;
  /** Passport number prefix (never 'A', which is Saudi; see identifiers.ts). */
  passportPrefix: string;
}

export const RESIDENT_NATIONALITIES: NationalityNames[] = [
  {
    code: 'IND', nameAr: 'الهند', nameEn: 'India', arabicNaming: false, passportPrefix: 'N',
    male: `محمد=Mohammed, عبدول=Abdul, راجيش=Rajesh, سوريش=Suresh, راميش=Ramesh, أنيل=Anil, سونيل=Sunil, فيجاي=Vijay,
      أرون=Arun, مانوج=Manoj, راهول=Rahul, سانجاي=Sanjay, شاجي=Shaji, بيجو=Biju, جوزيف=Joseph, توماس=Thomas,
      فيصل=Faisal, أشرف=Ashraf, شمير=Shameer, نوشاد=Naushad, عمران=Imran, سليم=Salim, رافي=Ravi, ديباك=Deepak`,
    female: `بريا=Priya, لاكشمي=Lakshmi, أنيثا=Anitha, سونيثا=Sunitha, ماري=Mary, جينسي=Jincy, فاطمة=Fathima,
      عائشة=Ayesha, سريجا=Sreeja, ديفيا=Divya, ريشما=Reshma, بيندو=Bindu, جيتا=Geetha, شبانة=Shabana, نيشا=Nisha`,
    family: `كومار=Kumar, ناير=Nair, بيلاي=Pillai, مينون=Menon, شارما=Sharma, سينغ=Singh, خان=Khan, شيخ=Sheikh,
      فارغيز=Varghese, ماثيو=Mathew, ريدي=Reddy, داس=Das, أنصاري=Ansari, قريشي=Qureshi, كويا=Koya, باتيل=Patel,
      آير=Iyer, راو=Rao`,
  },
  {
    code: 'PAK', nameAr: 'باكستان', nameEn: 'Pakistan', arabicNaming: false, passportPrefix: 'P',
    male: `محمد=Muhammad, أحمد=Ahmed, علي=Ali, حسن=Hassan, بلال=Bilal, عثمان=Usman, عمران=Imran, طارق=Tariq,
      آصف=Asif, زاهد=Zahid, شاهد=Shahid, نافيد=Naveed, وقاص=Waqas, كامران=Kamran, عدنان=Adnan, فيصل=Faisal,
      رضوان=Rizwan, ساجد=Sajid, أرشد=Arshad, جاويد=Javed, نديم=Nadeem, عبدالغفور=Abdul Ghafoor`,
    female: `عائشة=Ayesha, فاطمة=Fatima, ثناء=Sana, حنا=Hina, صائمة=Saima, نسرين=Nasreen, رابعة=Rabia,
      شازية=Shazia, آمنة=Amna, بشرى=Bushra, زينب=Zainab, نادية=Nadia`,
    family: `خان=Khan, ملك=Malik, بت=Butt, تشودري=Chaudhry, قريشي=Qureshi, حسين=Hussain, شاه=Shah, أعوان=Awan,
      راجا=Raja, ميرزا=Mirza, إقبال=Iqbal, أختر=Akhtar, عباسي=Abbasi, صديقي=Siddiqui, بيغ=Baig, رانا=Rana,
      يوسف=Yousaf, أفريدي=Afridi`,
  },
  {
    code: 'BGD', nameAr: 'بنغلاديش', nameEn: 'Bangladesh', arabicNaming: false, passportPrefix: 'B',
    male: `محمد=Mohammad, عبدالكريم=Abdul Karim, رحيم=Rahim, كريم=Karim, جمال=Jamal, كمال=Kamal, رفيقول=Rafiqul,
      شهيدول=Shahidul, أمينول=Aminul, نورول=Nurul, حبيبور=Habibur, ميزانور=Mizanur, أنور=Anwar, سهيل=Sohel,
      مسعود=Masud, بابول=Babul, جهانغير=Jahangir, دلوار=Delwar`,
    female: `رقية=Rokeya, نسيمة=Nasima, شيرين=Shirin, رينا=Rina, فاطمة=Fatema, سلمى=Salma, شهناز=Shahnaz,
      تسليمة=Taslima, بروين=Parvin, حليمة=Halima, مرجينة=Morjina, روما=Ruma`,
    family: `حسين=Hossain, رحمن=Rahman, إسلام=Islam, أودين=Uddin, أحمد=Ahmed, ميا=Miah, سركار=Sarker, أختر=Akter,
      عالم=Alam, حق=Haque, تشودري=Chowdhury, شيخ=Sheikh, موندال=Mondal, تالوكدار=Talukder`,
  },
  {
    code: 'PHL', nameAr: 'الفلبين', nameEn: 'Philippines', arabicNaming: false, passportPrefix: 'PH',
    male: `خوسيه=Jose, خوان=Juan, مارك=Mark, جون=John, مايكل=Michael, رامون=Ramon, روديل=Rodel, أرنيل=Arnel,
      روخيليو=Rogelio, إدواردو=Eduardo, كريستوفر=Christopher, رايان=Ryan, جيروم=Jerome, رونالدو=Ronaldo,
      دينيس=Dennis, جويل=Joel, آلان=Allan`,
    female: `ماريا=Maria, ماريسيل=Maricel, جوسلين=Jocelyn, روينا=Rowena, لورنا=Lorna, ماريتس=Marites, غريس=Grace,
      جوي=Joy, كريستينا=Cristina, أنالين=Analyn, روزالي=Rosalie, ليا=Lea, جينالين=Jenalyn, ماري آن=Mary Ann,
      ديفينا=Divina, ليزا=Liza`,
    family: `سانتوس=Santos, رييس=Reyes, كروز=Cruz, باوتيستا=Bautista, غارسيا=Garcia, مندوزا=Mendoza, راموس=Ramos,
      أكينو=Aquino, ديلا كروز=Dela Cruz, فيلانويفا=Villanueva, كاستيو=Castillo, فلوريس=Flores, غونزاليس=Gonzales,
      توريس=Torres, نافارو=Navarro, دومينغو=Domingo, باسكوال=Pascual, سوريانو=Soriano`,
  },
  {
    code: 'IDN', nameAr: 'إندونيسيا', nameEn: 'Indonesia', arabicNaming: false, passportPrefix: 'X',
    male: `أغوس=Agus, بودي=Budi, سلامت=Slamet, جوكو=Joko, أحمد=Ahmad, ديدي=Dedi, هيندرا=Hendra, رودي=Rudi,
      إيكو=Eko, واهيو=Wahyu, بامبانغ=Bambang, سوبريادي=Supriyadi, إيوان=Iwan, يوسف=Yusuf`,
    female: `سيتي=Siti, سري=Sri, نور=Nur, ديوي=Dewi, رينا=Rina, آني=Ani, يولي=Yuli, واتي=Wati, سومياتي=Sumiati,
      أمينة=Aminah, توتي=Tuti, كارتيني=Kartini, روحمة=Rohmah, إندانغ=Endang, مورني=Murni, فيتري=Fitri`,
    family: `سوسانتي=Susanti, ولانداري=Wulandari, رحايو=Rahayu, ليستاري=Lestari, سيتياوان=Setiawan, هدايات=Hidayat,
      سابوترا=Saputra, كورنياوان=Kurniawan, نورهياتي=Nurhayati, سانتوسو=Santoso, ويجايا=Wijaya, براتاما=Pratama,
      هاندياني=Handayani, سوليستيو=Sulistyo, هاريانتو=Haryanto, سورياني=Suryani`,
  },
  {
    code: 'EGY', nameAr: 'مصر', nameEn: 'Egypt', arabicNaming: true, passportPrefix: 'E',
    male: `محمد=Mohamed, أحمد=Ahmed, محمود=Mahmoud, مصطفى=Mostafa, عمرو=Amr, حسام=Hossam, شريف=Sherif, تامر=Tamer,
      كريم=Karim, إسلام=Eslam, وليد=Walid, هاني=Hany, أيمن=Ayman, طارق=Tarek, عادل=Adel, سامح=Sameh, عماد=Emad,
      إبراهيم=Ibrahim, ياسر=Yasser, رامي=Ramy, مينا=Mina, جرجس=Girgis, بيشوي=Bishoy`,
    female: `فاطمة=Fatma, منى=Mona, هبة=Heba, نهى=Noha, إيمان=Eman, رانيا=Rania, دعاء=Doaa, شيماء=Shaimaa,
      ياسمين=Yasmin, مريم=Mariam, سارة=Sara, أميرة=Amira, نادية=Nadia, مارينا=Marina`,
    family: `عبدالفتاح=Abdelfattah, السيد=El-Sayed, حسن=Hassan, مصطفى=Mostafa, عبدالحميد=Abdelhamid, إبراهيم=Ibrahim,
      محمود=Mahmoud, سليمان=Soliman, فرج=Farag, شحاتة=Shehata, عبدالعزيز=Abdelaziz, النجار=El-Naggar,
      الشافعي=El-Shafei, منصور=Mansour, عثمان=Osman, خليل=Khalil, جاد=Gad, حنا=Hanna, رزق=Rizk`,
  },
  {
    code: 'SDN', nameAr: 'السودان', nameEn: 'Sudan', arabicNaming: true, passportPrefix: 'S',
    male: `محمد=Mohamed, أحمد=Ahmed, عثمان=Osman, عبدالرحيم=Abdelrahim, الطيب=Eltayeb, حسن=Hassan, عوض=Awad,
      بابكر=Babiker, الصادق=Elsadig, مجدي=Magdi, معتز=Mutaz, هشام=Hisham, عمر=Omer, عبدالله=Abdalla,
      الفاتح=Elfatih, ياسر=Yasir`,
    female: `فاطمة=Fatima, آمنة=Amna, سارة=Sara, هدى=Huda, عائشة=Aisha, سلمى=Salma, نجلاء=Nagla, إيناس=Enas,
      رشا=Rasha, مواهب=Mawahib, إخلاص=Ikhlas`,
    family: `عبدالرحمن=Abdelrahman, الأمين=Elamin, أحمد=Ahmed, الحسن=Elhassan, إدريس=Idris, آدم=Adam, الماحي=Elmahi,
      عثمان=Osman, الطاهر=Eltahir, بشير=Bashir, النور=Elnour, حامد=Hamid, موسى=Musa, يوسف=Yousif`,
  },
  {
    code: 'YEM', nameAr: 'اليمن', nameEn: 'Yemen', arabicNaming: true, passportPrefix: 'Y',
    male: `محمد=Mohammed, علي=Ali, عبدالله=Abdullah, أحمد=Ahmed, صالح=Saleh, عبده=Abdo, ناصر=Nasser, فؤاد=Fuad,
      عادل=Adel, خالد=Khaled, عبدالرحمن=Abdulrahman, يحيى=Yahya, منصور=Mansoor, فارس=Fares, هاني=Hani,
      وليد=Waleed, مراد=Murad`,
    female: `فاطمة=Fatima, خديجة=Khadija, سعاد=Suad, نجلاء=Najla, أمل=Amal, هدى=Huda, مريم=Maryam, عفاف=Afaf,
      سميرة=Samira, ابتهال=Ibtihal, رحاب=Rehab`,
    family: `الحميري=Al-Himyari, العولقي=Al-Awlaqi, الأهدل=Al-Ahdal, باصالح=Basaleh, باعباد=Baabbad, الصبري=Al-Sabri,
      المقطري=Al-Maqtari, الشرعبي=Al-Sharabi, العديني=Al-Odaini, الحكيمي=Al-Hakimi, القاضي=Al-Qadhi,
      الكبسي=Al-Kibsi, المخلافي=Al-Mekhlafi, الحداد=Al-Haddad, العامري=Al-Amri`,
  },
  {
    code: 'ETH', nameAr: 'إثيوبيا', nameEn: 'Ethiopia', arabicNaming: false, passportPrefix: 'EP',
    male: `أبيبي=Abebe, تسفاي=Tesfaye, غيتاتشو=Getachew, داويت=Dawit, سولومون=Solomon, بيكيلي=Bekele, هايلي=Haile,
      مولوغيتا=Mulugeta, يوناس=Yonas, غيرما=Girma, تاديسي=Tadesse, كيبيدي=Kebede, محمد=Mohammed, عبدو=Abdu`,
    female: `تيغيست=Tigist, هيروت=Hirut, ميسيريت=Meseret, ألماز=Almaz, أستير=Aster, مولو=Mulu, سلام=Selam,
      جينيت=Genet, بيرتوكان=Birtukan, تسيهاي=Tsehay, زينبش=Zenebech, هانا=Hana, كديجة=Kedija, أمينة=Amina,
      فاطمة=Fatuma`,
    family: `تاديسي=Tadesse, بيكيلي=Bekele, كيبيدي=Kebede, هايلي=Haile, أليمو=Alemu, غيرما=Girma, تسفاي=Tesfaye,
      ميكونين=Mekonnen, وولدي=Wolde, ديستا=Desta, أسيفا=Assefa, نيغاش=Negash, أبيبي=Abebe, ووركو=Worku,
      محمد=Mohammed, أحمد=Ahmed`,
  },
  {
    code: 'KEN', nameAr: 'كينيا', nameEn: 'Kenya', arabicNaming: false, passportPrefix: 'AK',
    male: `جون=John, بيتر=Peter, جيمس=James, جوزيف=Joseph, ديفيد=David, صامويل=Samuel, دانيال=Daniel, براين=Brian,
      كيفن=Kevin, دينيس=Dennis, حسن=Hassan, عمر=Omar`,
    female: `ماري=Mary, غريس=Grace, فيث=Faith, ميرسي=Mercy, إستير=Esther, جين=Jane, لوسي=Lucy, جويس=Joyce,
      آن=Ann, كارولين=Caroline, بيوريتي=Purity, ويني=Winnie, زينابو=Zainabu, موانايشا=Mwanaisha`,
    family: `أوتينو=Otieno, وانجيرو=Wanjiru, كاماو=Kamau, موانغي=Mwangi, أوتشينغ=Ochieng, نجوروجي=Njoroge,
      كاريوكي=Kariuki, أونيانغو=Onyango, أتشينغ=Achieng, وامبوي=Wambui, موتوا=Mutua, كيبروب=Kiprop,
      شيبيت=Chebet, أودهيامبو=Odhiambo, محمد=Mohamed, علي=Ali`,
  },
  {
    code: 'LKA', nameAr: 'سريلانكا', nameEn: 'Sri Lanka', arabicNaming: false, passportPrefix: 'L',
    male: `نيمال=Nimal, سونيل=Sunil, كامال=Kamal, روان=Ruwan, تشاميندا=Chaminda, براديب=Pradeep, محمد=Mohamed,
      رضوان=Rizwan, نوان=Nuwan, سامان=Saman, أنورا=Anura, كاسون=Kasun`,
    female: `كوماري=Kumari, تشانداني=Chandani, نيروشا=Nirosha, ديلاني=Dilani, شيرومي=Shiromi, فاطمة=Fathima,
      بريانكا=Priyanka, سانديا=Sandya, مالاني=Malani, راسيكا=Rasika, إينوكا=Inoka, سرياني=Sriyani`,
    family: `بيريرا=Perera, فرناندو=Fernando, سيلفا=Silva, جاياسينغ=Jayasinghe, باندارا=Bandara,
      ديساناياكا=Dissanayake, ويكراماسينغ=Wickramasinghe, هيراث=Herath, كومارا=Kumara,
      غوناواردينا=Gunawardena, محي الدين=Mohideen, راثناياكا=Rathnayake, سيناناياكا=Senanayake`,
  },
  {
    code: 'NPL', nameAr: 'نيبال', nameEn: 'Nepal', arabicNaming: false, passportPrefix: 'NP',
    male: `رام=Ram, كريشنا=Krishna, هاري=Hari, بيشنو=Bishnu, سومان=Suman, راجيش=Rajesh, ديباك=Dipak,
      سانتوش=Santosh, بيكاش=Bikash, راميش=Ramesh, براكاش=Prakash, غوبال=Gopal, سونيل=Sunil, موهان=Mohan`,
    female: `سيتا=Sita, غيتا=Gita, لاكشمي=Laxmi, ساريتا=Sarita, سونيتا=Sunita, كامالا=Kamala, رادها=Radha,
      بارباتي=Parbati, مانيشا=Manisha, أنيتا=Anita`,
    family: `شريستا=Shrestha, تامانغ=Tamang, غورونغ=Gurung, راي=Rai, ماغار=Magar, ثابا=Thapa, كاركي=Karki,
      أديكاري=Adhikari, شارما=Sharma, ياداف=Yadav, ليمبو=Limbu, بهانداري=Bhandari, بوديل=Poudel, خادكا=Khadka`,
  },
];
