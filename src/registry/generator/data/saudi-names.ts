/**
 * Saudi names, Arabic with the usual English spelling on Saudi documents.
 * Each list is "arabic=english" pairs separated by commas (parsed by names.ts).
 * Family names are common tribal and family names; no names of the royal family.
 */

export const SAUDI_MALE = `
محمد=Mohammed, عبدالله=Abdullah, عبدالرحمن=Abdulrahman, فهد=Fahad, سعود=Saud, خالد=Khalid, سلطان=Sultan,
فيصل=Faisal, تركي=Turki, ناصر=Nasser, سعد=Saad, عبدالعزيز=Abdulaziz, بندر=Bandar, نايف=Naif, ماجد=Majed,
مشعل=Mishal, سلمان=Salman, عمر=Omar, علي=Ali, أحمد=Ahmed, إبراهيم=Ibrahim, يوسف=Yousef, حمد=Hamad,
راشد=Rashid, ياسر=Yasser, وليد=Waleed, طلال=Talal, منصور=Mansour, بدر=Badr, عادل=Adel, هشام=Hisham,
زياد=Ziyad, مازن=Mazen, نواف=Nawaf, عبدالمجيد=Abdulmajeed, عبدالإله=Abdulelah, متعب=Mutaib, مشاري=Mishari,
ثامر=Thamer, حسن=Hassan, حسين=Hussain, صالح=Saleh, سامي=Sami, عبدالملك=Abdulmalik, أنس=Anas, ريان=Rayan,
عبدالكريم=Abdulkarim, سليمان=Sulaiman, فواز=Fawaz, نبيل=Nabil, هاني=Hani, مساعد=Musaed, غازي=Ghazi,
عمار=Ammar, حامد=Hamed, جابر=Jaber, عثمان=Othman, مصعب=Musab, معاذ=Muath, بسام=Bassam, رائد=Raed,
عبدالمحسن=Abdulmohsen, عبداللطيف=Abdullatif, ضيف الله=Daifallah, عايض=Ayedh, مفلح=Mufleh, حمود=Hamoud,
دخيل=Dakhil, سالم=Salem, مبارك=Mubarak, مرزوق=Marzouq, جاسر=Jasser, هادي=Hadi, سيف=Saif,
عبدالرحيم=Abdulrahim, وائل=Wael, أسامة=Osama, نادر=Nader, إياد=Iyad, عمرو=Amr, تميم=Tamim, حاتم=Hatem,
باسل=Basel, فارس=Fares, قصي=Qusai, مهند=Muhannad, ليث=Laith, يزيد=Yazeed, عزام=Azzam, سطام=Sattam,
ظافر=Dhafer, حميد=Humaid, عبدالهادي=Abdulhadi, مشعان=Mishaan, شافي=Shafi, عوض=Awad, محسن=Mohsen,
عبدالوهاب=Abdulwahab, زكريا=Zakariya, إسماعيل=Ismail, موسى=Musa, عيسى=Issa, يحيى=Yahya, مالك=Malik
`;

export const SAUDI_FEMALE = `
نورة=Noura, سارة=Sarah, فاطمة=Fatimah, عائشة=Aisha, مريم=Maryam, هيفاء=Haifa, لطيفة=Latifa, منيرة=Munira,
الجوهرة=Aljohara, ريم=Reem, دانة=Dana, لمى=Lama, شهد=Shahad, رغد=Raghad, جود=Joud, لين=Leen, ريما=Reema,
أمل=Amal, هند=Hind, خلود=Kholoud, عبير=Abeer, منال=Manal, نوف=Nouf, العنود=Alanoud, غادة=Ghada, أسماء=Asma,
خديجة=Khadijah, حصة=Hessa, موضي=Modhi, بشاير=Bashayer, وعد=Waad, رهف=Rahaf, جنى=Jana, ليان=Layan, تالا=Tala,
سلمى=Salma, أريج=Areej, بدور=Budoor, حنان=Hanan, سميرة=Samira, وفاء=Wafa, ابتسام=Ibtisam, مها=Maha,
نجلاء=Najla, هيا=Haya, شيخة=Shaikha, البندري=Albandari, رزان=Razan, ديما=Dima, لولوة=Lulwa, نجود=Nujood,
عفاف=Afaf, سعاد=Suad, جواهر=Jawaher, روان=Rawan, أروى=Arwa, ملاك=Malak, يارا=Yara, غلا=Ghala, سديم=Sadeem,
رناد=Renad, جميلة=Jamila, زينب=Zainab, حليمة=Halima, صفية=Safiya, نوال=Nawal, سلوى=Salwa, فوزية=Fawzia,
ثريا=Thuraya, أثير=Atheer, لجين=Lujain, دلال=Dalal, مشاعل=Mashael, عهود=Ohoud, بسمة=Basma, تهاني=Tahani
`;

export const SAUDI_FAMILY = `
القحطاني=Al-Qahtani, العتيبي=Al-Otaibi, الشمري=Al-Shammari, الدوسري=Al-Dosari, الغامدي=Al-Ghamdi,
الزهراني=Al-Zahrani, المطيري=Al-Mutairi, الحربي=Al-Harbi, العنزي=Al-Anazi, السبيعي=Al-Subaie,
الشهري=Al-Shehri, العمري=Al-Omari, المالكي=Al-Malki, الأحمدي=Al-Ahmadi, الجهني=Al-Juhani, البلوي=Al-Balawi,
الرشيدي=Al-Rashidi, الخالدي=Al-Khalidi, السهلي=Al-Sahli, العسيري=Al-Asiri, القرني=Al-Qarni,
الشهراني=Al-Shahrani, اليامي=Al-Yami, الهاجري=Al-Hajri, المري=Al-Marri, الرويلي=Al-Ruwaili,
الفيفي=Al-Faifi, الحازمي=Al-Hazmi, البقمي=Al-Buqami, الثقفي=Al-Thaqafi, السلمي=Al-Sulami,
الصاعدي=Al-Saedi, الشريف=Al-Sharif, التميمي=Al-Tamimi, الدخيل=Al-Dakhil, السالم=Al-Salem,
المنيف=Al-Munif, النعيمي=Al-Nuaimi, الخثعمي=Al-Khathami, الأسمري=Al-Asmari, الظفيري=Al-Dhafiri,
العجمي=Al-Ajmi, البيشي=Al-Bishi, الشمراني=Al-Shamrani, الحارثي=Al-Harthi, القرشي=Al-Qurashi,
باوزير=Bawazir, العمودي=Al-Amoudi, باعشن=Baashen, الزامل=Al-Zamil, الفوزان=Al-Fawzan, الحمدان=Al-Hamdan,
الشثري=Al-Shathri, المقرن=Al-Muqrin, العبيد=Al-Obaid, الحميد=Al-Humaid, الخضيري=Al-Khudairi,
الرشيد=Al-Rasheed, العقيل=Al-Aqeel, الجاسر=Al-Jasser, النمر=Al-Nemer, الحسين=Al-Hussain,
المحمد=Al-Mohammed, الناصر=Al-Nasser, الفايز=Al-Fayez, العيسى=Al-Issa, السويلم=Al-Suwailem,
المنصور=Al-Mansour, الغنام=Al-Ghannam, السحيمي=Al-Suhaimi, المحمادي=Al-Mohammadi, الرحيلي=Al-Ruhaili,
اللهيبي=Al-Luhaibi, المولد=Al-Muwallad, الزبيدي=Al-Zubaidi, الكثيري=Al-Kathiri, البريك=Al-Buraik,
الدعجاني=Al-Dajani, الشلوي=Al-Shalawi, الرويس=Al-Ruwais, الخليفة=Al-Khalifa, العواد=Al-Awad
`;
