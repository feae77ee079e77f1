"""Words that signal danger, per language: caught as young people type them; ordinary talk not."""

from __future__ import annotations

import pytest

from dialogs.safety import Concern, detect, is_help_request, normalize

SELF_HARM, ABUSE, DISTRESS = Concern.SELF_HARM, Concern.ABUSE, Concern.DISTRESS

ENGLISH = [
    ("I feel very bad and I don't know what to do", DISTRESS),
    ("i feel so bad and i dont know what to do anymore", DISTRESS),
    ("i want to die", SELF_HARM),
    ("i just wanna die tbh", SELF_HARM),
    ("honestly kms", SELF_HARM),
    ("im gonna kill myself tonight", SELF_HARM),
    ("I'm going to unalive myself", SELF_HARM),
    ("thinking about sewerslide again", SELF_HARM),
    ("i've been cutting myself again", SELF_HARM),
    ("I dont want to live anymore", SELF_HARM),
    ("there's no reason to live", SELF_HARM),
    ("everyone would be better off without me", SELF_HARM),
    ("I took too many pills", SELF_HARM),
    ("I'm suicidal", SELF_HARM),
    ("SELF HARM is the only thing that helps", SELF_HARM),
    ("helllp i want to dieeee", SELF_HARM),
    ("my stepdad hits me when he's drunk", ABUSE),
    ("dad beats me and mom", ABUSE),
    ("he raped me", ABUSE),
    ("my uncle touches me and i hate it", ABUSE),
    ("im scared to go home", ABUSE),
    ("a guy online is blackmailing me with my pics", ABUSE),
    ("he says he'll send my nudes to everyone", ABUSE),
    ("they took my passport and i have to work for free", ABUSE),
    ("i cant take it anymore", DISTRESS),
    ("I CANT DO THIS ANYMORE", DISTRESS),
    ("nobody cares about me", DISTRESS),
    ("im having a panic attack", DISTRESS),
    ("i ran away from home and have nowhere to sleep", DISTRESS),
    ("mom kicked me out and i have nowhere to go tonight", DISTRESS),
    ("haven't eaten in 2 days", DISTRESS),
    ("please help me im so scared", DISTRESS),
    ("i'm not safe here", DISTRESS),
    ("i hurt myself on purpose", SELF_HARM),
    ("im scared please help", DISTRESS),
]

LATVIAN = [
    ("Man ir ļoti slikti un es nezinu, ko darīt", DISTRESS),
    ("man ir loti slikti un es nezinu ko darit", DISTRESS),
    ("gribu nomirt", SELF_HARM),
    ("es vienkārši gribu nomirt", SELF_HARM),
    ("negribu vairs dzīvot", SELF_HARM),
    ("NEGRIBAS DZIVOT", SELF_HARM),
    ("es nogalināšos", SELF_HARM),
    ("nogalinasu sevi", SELF_HARM),
    ("domāju par pašnāvību", SELF_HARM),
    ("pasnaviba ir vienigais variants", SELF_HARM),
    ("es atkal sagriezu sevi", SELF_HARM),
    ("es griežu sevi jau pusgadu", SELF_HARM),
    ("iedzeršu visas tabletes", SELF_HARM),
    ("visiem būs labāk bez manis", SELF_HARM),
    ("nav jēgas dzīvot", SELF_HARM),
    ("gribas nosisties", SELF_HARM),
    ("mani sit mājās", ABUSE),
    ("tētis sit mani", ABUSE),
    ("tetis sit", ABUSE),
    ("patēvs sita mammu un mani", ABUSE),
    ("mani izvaroja", ABUSE),
    ("viņš mani tausta un es baidos", ABUSE),
    ("baidos iet mājās", ABUSE),
    ("viņš šantažē mani ar bildēm", ABUSE),
    ("draud izlikt manas kailbildes", ABUSE),
    ("es vairs nevaru", DISTRESS),
    ("vairs neizturu", DISTRESS),
    ("nevienam es neesmu vajadzīga", DISTRESS),
    ("man ir panikas lēkme", DISTRESS),
    ("aizbēgu no mājām un nav kur palikt", DISTRESS),
    ("nav ko ēst jau divas dienas", DISTRESS),
    ("palīdziet lūdzu man ir ļoti bail", DISTRESS),
    ("esmu pilnīgi viena", DISTRESS),
    ("man vairs nav spēka", DISTRESS),
    ("domāju par pashnavibu", SELF_HARM),
    ("man ir suicidālas domas", SELF_HARM),  # "š" typed as "sh"
    ("viņš grib, lai sūtu kailbildes", ABUSE),
]

LITHUANIAN = [
    ("Man labai blogai ir nežinau ką daryti", DISTRESS),
    ("man labai blogai ir nezinau ka daryti", DISTRESS),
    ("noriu mirti", SELF_HARM),
    ("as tiesiog noriu numirti", SELF_HARM),
    ("nenoriu gyventi", SELF_HARM),
    ("NEBENORIU GYVENTI", SELF_HARM),
    ("nusižudysiu", SELF_HARM),
    ("galvoju apie savizudybe", SELF_HARM),
    ("pjaustausi kai blogai", SELF_HARM),
    ("vel pjausciausi rankas", SELF_HARM),
    ("žalojuosi jau metus", SELF_HARM),
    ("išgersiu visas tabletes", SELF_HARM),
    ("be manęs visiems bus geriau", SELF_HARM),
    ("nėra dėl ko gyventi", SELF_HARM),
    ("noriu nusibaigti", SELF_HARM),
    ("mane muša namie", ABUSE),
    ("tėtis muša mamą ir mane", ABUSE),
    ("patėvis mušė mane diržu", ABUSE),
    ("mane išprievartavo", ABUSE),
    ("jis mane čiupinėja", ABUSE),
    ("bijau grįžti namo", ABUSE),
    ("jis mane šantažuoja nuotraukomis", ABUSE),
    ("grasina paskelbti mano nuogas nuotraukas", ABUSE),
    ("nebegaliu", DISTRESS),
    ("nebegaliu daugiau", DISTRESS),
    ("niekam nerūpiu", DISTRESS),
    ("prasidėjo panikos ataka", DISTRESS),
    ("pabėgau iš namų ir neturiu kur miegoti", DISTRESS),
    ("neturiu ką valgyti", DISTRESS),
    ("padėkit prašau labai bijau", DISTRESS),
    ("esu visiškai viena", DISTRESS),
    ("nebeturiu jėgų", DISTRESS),
    ("turiu suicidinių minčių", SELF_HARM),
    ("noriu numirt", SELF_HARM),  # the colloquial infinitive, without its last "i"
    ("nenoriu gyvent", SELF_HARM),
    ("atėmė mano pasą ir verčia dirbti be atlyginimo", ABUSE),
]

RUSSIAN = [
    ("Мне очень плохо и я не знаю что делать", DISTRESS),
    ("мне оч плохо не знаю что делать", DISTRESS),
    ("хочу умереть", SELF_HARM),
    ("я просто хочу умереть", SELF_HARM),
    ("не хочу жить", SELF_HARM),
    ("НЕ ХОЧУ БОЛЬШЕ ЖИТЬ", SELF_HARM),
    ("покончу с собой", SELF_HARM),
    ("думаю покончить с собой", SELF_HARM),
    ("думаю о суициде", SELF_HARM),
    ("я опять порезала себя", SELF_HARM),
    ("режу руки", SELF_HARM),
    ("хочу выпилиться", SELF_HARM),
    ("наглоталась таблеток", SELF_HARM),
    ("всем будет лучше без меня", SELF_HARM),
    ("hochu umeret", SELF_HARM),
    ("ne hochu zhit", SELF_HARM),
    ("меня бьют дома", ABUSE),
    ("отец бьёт маму и меня", ABUSE),
    ("отчим избивает меня", ABUSE),
    ("он меня изнасиловал", ABUSE),
    ("отчим трогает меня", ABUSE),
    ("боюсь идти домой", ABUSE),
    ("он угрожает слить мои фото", ABUSE),
    ("меня шантажируют интимными фото", ABUSE),
    ("я больше не могу", DISTRESS),
    ("больше не могу так", DISTRESS),
    ("никому я не нужна", DISTRESS),
    ("у меня паническая атака", DISTRESS),
    ("сбежала из дома и мне негде ночевать", DISTRESS),
    ("нечего есть уже второй день", DISTRESS),
    ("помогите мне очень страшно", DISTRESS),
    ("я совсем одна", DISTRESS),
    ("пoмoгитe мнe стрaшнo", DISTRESS),  # Latin look-alikes among the Cyrillic letters
    ("он меня трогает", ABUSE),
    ("мне страшно помогите", DISTRESS),
]

# Someone who writes in another language than the bot's, or mixes them, is read all the same.
MIXED = [
    ("man ir slikti, i want to die", SELF_HARM),
    ("Labas, tėtis muša mane, ką daryti?", ABUSE),
    ("Привет, man ir tik slikti un es nezinu ko darit", DISTRESS),
    ("I'm fine but I don't want to live anymore", SELF_HARM),
    # The most serious concern wins, wherever it stands in the message.
    ("I can't take it anymore, he hits me, I want to die", SELF_HARM),
    ("nebegaliu, tėtis muša mane", ABUSE),
]


# The bare words and forms the lists must know, one by one.
FORMS = [
    *((form, SELF_HARM) for form in ("want to die", "kill myself", "kms", "suicidal")),
    *((form, SELF_HARM) for form in ("hurt myself", "cut myself", "self harm", "unalive myself")),
    *((form, ABUSE) for form in ("he hits me", "he beats me", "raped", "he touches me")),
    *((form, SELF_HARM) for form in ("gribas nomirt", "negribu dzīvot", "negribas dzīvot")),
    *((form, SELF_HARM) for form in ("nogalināšu sevi", "nogalināties", "pašnāvība")),
    *((form, SELF_HARM) for form in ("pašnāvību", "sagriezu sevi", "griežu sevi")),
    *((form, ABUSE) for form in ("mani sit", "tētis sit", "patēvs sita")),
    *((form, SELF_HARM) for form in ("noriu mirti", "nusižudyti", "savižudybė", "savižudybę")),
    *((form, SELF_HARM) for form in ("pjaustausi", "pjausčiausi", "žalojuosi")),
    *((form, ABUSE) for form in ("mane muša", "tėtis muša", "patėvis mušė")),
    *((form, SELF_HARM) for form in ("покончить с собой", "суицид", "самоубийство")),
    *((form, SELF_HARM) for form in ("режу себя", "порезал себя", "порезала себя")),
    *((form, ABUSE) for form in ("меня бьют", "отец бьёт", "отчим избивает", "изнасиловал")),
]


@pytest.mark.parametrize(
    ("text", "concern"), ENGLISH + LATVIAN + LITHUANIAN + RUSSIAN + MIXED + FORMS
)
def test_danger_is_caught(text: str, concern: Concern) -> None:
    assert detect(text) == concern


ORDINARY_ENGLISH = [
    "I'm dying to meet my mentor",
    "this homework is killing me",
    "I killed it at the exam",
    "I'm dead tired",
    "my phone died",
    "we cut the cake at my birthday",
    "going to hit the gym",
    "I'd kill for a pizza right now",
    "I want help with school and motivation",
    "Call the school counsellor",
    "Leaving harmful relationships and addictions",
    "Mental and physical health",
    "Family and school relationships",
    "I work as a nurse and help people in crisis situations",
    "I study social work and run a youth football club.",
    "My brother beat me at FIFA again lol",
    "hit me up after school",
    "I cut myself shaving this morning",
    "I hurt myself playing football",
    "I can't go on Tuesday, can we move the meeting?",
    "I can't cope with maths homework",
    "I don't know what to do after school",
    "I don't want to live with my parents after I turn 18",
    "I ran 5 kms today",
    "The song really touched me",
    "Beats me, I have no idea",
    "I'm starving, let's get food",
    "I'm going to die if I fail this test lol",
    "My mom will kill me if I'm late",
    "Suicide Squad is my favourite movie",
    "I volunteer for a suicide prevention line",
    "The teacher kicked me out of class",
    "I help kids who were bullied at school",
    "Anna Ozola",
    "I'm locked in for the exams this week",  # focused
    "we got beaten 3-0 in the final",
    "my parents never hit me",
    "there's nothing to eat in the fridge",
    "I hate my life lol, Monday again",
    "ugh I can't breathe lol",
]

ORDINARY_LATVIAN = [
    "nomiršu no smiekliem",
    "telefons nomira",
    "tētis sit bungas",
    "Gribu palīdzību ar mājasdarbiem",
    "Gribu palīdzību ar matemātiku",
    "Sagatavot CV",
    "Piezvanīt skolas psihologam",
    "Kristīne",
    "Attiecības ģimenē un skolā",
    "Izkļūt no kaitīgām attiecībām vai atkarībām",
    "Garīgā un fiziskā veselība",
    "Strādāju par medmāsu un palīdzu cilvēkiem krīzes situācijās",
    "Vairs nevaru atnākt otrdien, var pārcelt?",
    "Nezinu, ko darīt pēc skolas",
    "Negribu dzīvot Rīgā, gribu uz laukiem",
    "Mamma sit olas kūkai",
    "Sagriezu roku, kad griezu maizi",
    "Gribu iemācīties plānot naudu",
    "Man ir slikti ar matemātiku",
    "Brālis sit bumbu pa vārtiem",
    "Nevaru tikt galā ar ķīmiju",
    "Man nav neviena jautājuma",
    "Es esmu viena no labākajām klasē",
    "Nejūtos droši par savām angļu valodas zināšanām",
    "Šodien bija nāvīgi garlaicīgi",
    "Gribu būt ārste",
    "Mamma mani nositīs par atzīmēm",
    "Man vairs nav spēka mācīties",
    "Viņš man draud ar pirkstu",
    "Gribu visu izbeigt un sākt no jauna",
    "Nav ko ēst, ledusskapis tukšs",
]

ORDINARY_LITHUANIAN = [
    "mirštu iš juoko",
    "telefonas numirė",
    "Noriu pagalbos su mokslais",
    "Parašyti motyvacinį laišką",
    "Dainius",
    "Santykiai šeimoje ir mokykloje",
    "Išsivaduoti iš žalingų santykių ar priklausomybių",
    "Psichikos ir fizinė sveikata",
    "Dirbu slaugytoja ir padedu žmonėms krizinėse situacijose",
    "Nebegaliu ateiti antradienį",
    "Nežinau, ką daryti po mokyklos",
    "Nenoriu gyventi bendrabutyje",
    "Tėtis muša būgnus grupėje",
    "Susižalojau koją per treniruotę",
    "Reikia supjaustyti daržoves salotoms",
    "Laikrodis muša dvylika",
    "Tai manęs neliečia",
    "Noriu išmokti planuoti pinigus",
    "Mama verčia mane mokytis",
    "Man grasina pašalinimu iš mokyklos",
    "Noriu mirti iš juoko",
    "Esu vienas iš geriausių klasėje",
    "Esu savanoris savižudybių prevencijos linijoje",
    "Mano brolis geriausiai muša baudinius",
    "Padedu vaikams, kurie patiria smurtą",
    "Baigti gyvenimo aprašymą",  # finish the CV
    "Nenoriu gyventi Klaipėdoje",
    "Jis man grasino pirštu",
    "Jis mane muša kamuoliu per tinklinį",
]

ORDINARY_RUSSIAN = [
    "умираю от скуки",
    "умираю от смеха",
    "надо убить время",
    "телефон умер",
    "часы бьют полночь",
    "Бьют часы на башне",
    "Хочу научиться планировать деньги",
    "Сходить на тренировку",
    "Убийцева",
    "Мне нужна помощь с английским",
    "Отношения в семье и в школе",
    "Выход из вредных отношений или зависимостей",
    "Психическое и физическое здоровье",
    "Работаю медсестрой и помогаю людям в кризисных ситуациях",
    "Я больше не могу прийти в среду",
    "Не знаю что делать после школы",
    "Не хочу жить в общежитии",
    "Порезала палец, когда резала хлеб",
    "Вчера резался в доту до ночи",
    "Папа бьёт рекорды по бегу",
    "Меня бьёт дрожь перед экзаменом",
    "Я одна из лучших в классе",
    "Отец бьёт баклуши весь день",
    "У меня бывают панические атаки, хочу научиться с ними справляться",
    "Хочу умереть от смеха",
    "Помогаю подросткам, которые пережили насилие",
    "Мама убьёт меня за двойку",
    "Меня колотит перед экзаменом",
    "Не могу дышать от смеха",
    "Брат пристаёт ко мне с вопросами",
    "Бабушка бьёт ковёр во дворе",
    "Хочу уехать учиться, а не жить здесь",
    "Дома нечего есть, пойду в магазин",
]


@pytest.mark.parametrize(
    "text", ORDINARY_ENGLISH + ORDINARY_LATVIAN + ORDINARY_LITHUANIAN + ORDINARY_RUSSIAN
)
def test_ordinary_talk_is_not_caught(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "sos",
        "SOS!!",
        "help",
        "help me",
        "help please",
        "i need help",
        "i need help now",
        "help!!!",
        "HELP ME PLEASE",
        "🆘",
        "🆘🆘🆘",
        "palīdzība",
        "palidziba",
        "palīdziet",
        "palīdzi",
        "man vajag palīdzību",
        "vajag palīdzību",
        "Palīgā!",
        "pagalba",
        "pagalbos",
        "padėkit",
        "padekit",
        "padėk",
        "man reikia pagalbos",
        "reikia pagalbos",
        "помощь",
        "помогите",
        "помоги",
        "мне нужна помощь",
        "нужна помощь",
        "Помогите, пожалуйста!",
        "pomogite",
    ],
)
def test_a_plain_request_for_help(text: str) -> None:
    assert is_help_request(text)


@pytest.mark.parametrize(
    "text",
    [
        "I want help with my homework",
        "Gribu palīdzību ar matemātiku",
        "Noriu pagalbos su mokslais",
        "Мне нужна помощь с английским",
        "Can you help me find a mentor in Riga?",
        "hello",
        "",
        "🆘 can I change my meeting time?",
        "help " * 40,
    ],
)
def test_an_answer_that_mentions_help_is_not_a_request(text: str) -> None:
    assert not is_help_request(text)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Nogalināt", "nogalinat"),
        ("IŠPRIEVARTAVO", "isprievartavo"),
        ("Ķēķis, ļoti!", "kekis loti"),
        ("Ёлка", "елка"),
        ("Самоубийство", "самоубийство"),  # "й" is a letter of its own, and stays
        ("I don't   know...", "i don t know"),
        ("helllp", "help"),
        ("pleeease", "please"),
        ("хочууу", "хочу"),
        ("kill all", "kill all"),  # double letters stay
        ("1000 €", "1000"),  # and so do numbers
        ("ｈｅｌｐ", "help"),  # full-width letters
        ("пoмoгитe", "помогите"),  # Latin look-alikes in a Russian word
        ("hеlp", "help"),  # a Cyrillic "е" in an English word
        ("snake_case-and—dashes", "snake case and dashes"),
        ("🆘", ""),
    ],
)
def test_normalize(text: str, plain: str) -> None:
    assert normalize(text) == plain


@pytest.mark.parametrize(
    "text",
    [
        "a" * 5000,
        "a " * 2500,
        "mani " * 1000,
        "gribu " * 833,
        "vairs nevaru " * 385,
        ("i feel so bad " + "a " * 20) * 100,
        "хочу " + "очень " * 830,
        "!?" * 2500,
        "😀" * 5000,
        "пoмoгитe" * 625,
    ],
)
def test_long_odd_input_is_read(text: str) -> None:
    detect(text)  # returns at all: no runaway backtracking
    is_help_request(text)
