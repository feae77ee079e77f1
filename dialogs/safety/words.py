"""Words that say someone may be in danger, per language and concern.

Every pattern is a regular expression over normalize()d text: lower case, no diacritics
("pasnaviba", "savizudybe"), "ё" written "е", words joined by single spaces, no punctuation.
The detector matches whole words only, so a pattern that should accept endings says so
("pasnavib\\w*"). " … " stands for up to three other words: "gribu … nomirt" also catches
"gribu vienkārši nomirt".

Every message is read with every language's lists: a Russian speaker may write Russian while
the bot speaks Latvian to them, and anyone may switch to English.

The lists aim at the writer's own situation ("mani sit", "he hits me"), not at a topic
("domestic violence", "vardarbība ģimenē"), so that a mentor who writes about their work, or
a young person who picks an area of help, is not taken for someone in danger.
"""

from __future__ import annotations

SELF_HARM = "self_harm"
ABUSE = "abuse"
DISTRESS = "distress"


def _any(*patterns: str) -> str:
    """Return a regex that matches any one of the patterns."""
    return "(?:" + "|".join(patterns) + ")"


# ---------------------------------------------------------------------------------- English

# People who may hurt a young person: the subject of "... hits me".
_EN_WHO = (
    r"(?:he|she|they|dad|daddy|father|mom|mum|mommy|mummy|mother|step ?dad|step ?father"
    r"|step ?mom|step ?mum|step ?mother|parents|brother|sister|uncle|aunt|cousin|grandpa"
    r"|grandad|granddad|grandma|grandfather|grandmother|boyfriend|girlfriend|bf|gf|husband"
    r"|partner|teacher|coach|neighbou?r|guy|man|someone|somebody|people|kids|classmates)"
)
# "don't" is typed "don t" once normalized, or "dont".
_EN_NOT = r"(?:don ?t|do not|didn ?t|never)"
_EN_DONT_KNOW = r"(?:don ?t know|do not know|idk|dunno)"

EN_SELF_HARM = (
    # Not "going to die": "I'm going to die if I fail" is how everyone talks.
    r"(?<!don t )(?<!dont )(?<!not )(?:want(?:ed)? to|wanna|wish (?:i could|to)|ready to"
    r"|deserve to|should just|plan(?:ning)? to|trying to) die"
    r"(?! (?:of|from|laughing|my|her|his|in (?:a|the|my) game))",
    r"(?:want|wanna|wish) (?:to )?be dead|wish (?:that )?i (?:was|were|could be) dead",
    r"better off dead|i should be dead",
    r"wish (?:that )?i (?:was|were|had|d|had been|d been)? ?never (?:been )?born",
    r"wish i (?:wasn ?t|weren ?t) (?:born|alive)|wish i didn ?t exist",
    # "killl" loses its stretch as "kil"; "killing myself studying" is an idiom.
    r"(?:kill?|killing|killed) myself"
    r"(?! (?:laughing|studying|working|trying|doing|training|to get|for))",
    r"(?<!\d )kms",  # "kill myself"; after a number it is kilometres
    r"unaliv\w*|sewer ?slide\w*",  # words that get past social media filters
    # Every list reads every message, so this also covers "suicidāls", "suicidinės mintys".
    r"suicid\w*(?! (?:squad|prevencij\w*|prevention|awareness))",
    r"(?:end|ending|take|taking|took) (?:my|my own) life|(?:end|ending) it all",
    r"(?:thinking (?:about|of)|want to|wanna|going to|gonna|ready to) end(?:ing)? it"
    r"(?: tonight| now| today|$)",
    r"(?:sleep|asleep) and never wake up|never wake up again",
    r"(?:off|hang|hanging|end) myself|(?:drown|shoot|poison)(?:ing)? myself(?! in )",
    _EN_NOT + r" (?:want|wanna) (?:to )?live"
    r"(?! (?:with|in|at|there|here|alone|near|together|like|on|by|abroad|far)\b)",
    _EN_NOT
    + r" (?:want|wanna) (?:to )?(?:be alive|exist)|"
    + _EN_NOT
    + r" (?:want|wanna) (?:to )?(?:live|be here|wake up) any ?more",
    r"(?:tired|sick) of (?:living|being alive|life)|done with (?:life|living)",
    r"(?:point|sense) (?:of|in) (?:living|being alive)(?! (?:in|with|near|at)\b)",
    r"(?:no|no more) (?:reason|point) (?:in |to )?(?:living|live|being alive|going on)",
    r"nothing (?:left )?to live for|not worth living",
    r"life (?:isn ?t|is not|s not|ain ?t) worth (?:it|living)",
    r"self ?harm\w*|self injur\w*",
    # "I hurt myself playing football" is an accident, not self-harm.
    r"(?:hurt|hurting|harm|harming|burn|burning|cut|cutting) myself"
    r"(?! (?:playing|at|on(?! purpose)|while|when|during|in|by accident|accidentally|shaving"
    r"|cooking|skating|running|training))",
    r"(?:cut|cutting|slit|slitting|slash|slashing) my (?:wrists?|arms|thighs)",
    r"(?:started|been|keep|kept|stop|stopped|relapsed and) cutting"
    r"(?! (?:class|classes|school|hair|carbs|sugar|paper|down|back|off|ties|corners))",
    r"overdos\w*",
    r"(?:took|take|taking|swallow\w*) (?:all|a lot of|too many|a bunch of|lots of|the whole)"
    r" (?:\w+ )?(?:pills|tablets|meds|medication|painkillers)",
    r"jump(?:ing)? (?:off|from) (?:a|the|my) (?:bridge|roof|building|balcony|window|cliff)",
    r"(?:better|happier) (?:off )?without me",
    r"(?:no one|noone|nobody) would (?:even )?(?:miss me|care if i (?:died|was gone))",
    r"(?:goodbye|suicide) (?:note|letter)",
    r"this is my (?:last|final) (?:message|goodbye)(?! (?:for|today|before|until|tonight|of))",
    r"won ?t be (?:alive|around much longer)",
)

EN_ABUSE = (
    # Someone close doing something to them: "my stepdad hits me", "she kicked me".
    _EN_WHO
    + r" (?:(?!never|not|doesn|didn|don|won|wouldn)\w+ )?"  # "dad never hits me" is no alarm
    + _any(
        r"(?:hits?|hitting) me(?! up)",  # "hit me up": write to me
        r"(?:beats?|beating) me(?! (?:at|in|on|by|to|\d+)\b)",  # "she beat me at chess"
        r"(?:slap|punch|kick|chok|strangl|whip|burn)\w* me(?! out)",
        r"(?:hurts?|hurting|abus\w*|touch(?:es|ed|ing)?|grop\w*) me",
        r"(?:is|s|are|re) (?:so |very )?abusive",
    ),
    r"beat(?:s|en)? me up|beaten up|get(?:ting)? (?:hit|beaten|slapped|punched) (?:at home|every)",
    # About themselves, not "kids who were abused" in a mentor's introduction.
    r"(?<!who )(?<!that )(?:was|were|been|being|got|get|getting|am|i m) (?:sexually )?"
    r"(?:beaten(?! (?:\d|at|in|on)\b)|abused|molested|raped|assaulted|groped|trafficked)",
    r"raped|rap(?:e|ing) me|tried to rape|molest\w*|sexually (?:abus|assault|harass)\w*",
    r"i (?:have |ve |am |m )?(?:experienced|experiencing|suffered|suffering|going through"
    r"|a victim of) (?:\w+ ){0,2}(?:abuse|violence|assault|rape)",
    r"(?:there is|there s|we have) (?:\w+ )?(?:violence|abuse) at home",
    r"my abusive \w+",
    r"(?:afraid|scared|terrified|frightened) (?:\w+ )?(?:to go|of going|to come|of coming"
    r"|to get|to return|of returning) (?:back )?home",
    # Not "I'm locked in": that is being focused.
    r"(?:locked|locks|locking|lock) me (?:in|up)|keeps? me locked"
    r"|(?:i m|im|i am) locked in (?:my |the |a )?(?:room|house|flat|apartment|basement)",
    r"threaten\w* to (?:\w+ )?(?:kill|hurt|beat|hit|rape|post|share|send|leak|publish|show)",
    r"threaten\w* me(?! with (?:a )?(?:detention|bad grade|fail\w*|suspension|expulsion))",
    r"(?:forc|mak|pressur)\w* me (?:to |into )?(?:have sex|sleep with|undress|strip"
    r"|send (?:him |her |them )?(?:nudes|naked \w+))",
    r"forc\w* (?:me )?(?:to |into )(?:work(?! (?:on|out|harder|hard)\b)|prostitution|sex)",
    r"(?:took|taken|kept|keeps|keeping|holding|hold|stole) my (?:passport|documents)",
    r"blackmail\w*|sextort\w*",
    r"(?:asks?|asked|asking|wants?|wanted|begging|pressur\w*) (?:me )?(?:for |to send )"
    r"(?:\w+ )?(?:nudes|naked \w+)",
    r"send (?:him |her |them )?nudes|nudes of me|my nudes",
)

EN_DISTRESS = (
    r"can ?t (?:go on|keep going)(?! (?:the|a|an|that|this|my|your|holiday|vacation|trips?"
    r"|tours?|dates?|stage|camp|with|to|at|for|on|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|tomorrow|today|tonight)\b)",
    r"can ?t (?:do|take|handle|bear|stand|deal with) (?:it|this|anything|this shit|life"
    r"|any of this|everything) (?:any ?more|no more)|i can ?t any ?more",
    # "I can't cope with maths" is school; "I can't cope" or "... with anything" is not.
    r"can ?t cope(?! with (?!anything|life|everything|it|this)\w+)",
    r"(?:feel|feeling|i m|im|i am|it s|its) (?:\w+ ){0,2}(?:bad|awful|terrible|horrible|shit"
    r"|shitty|lost|desperate|hopeless|empty|miserable|scared|low|broken|overwhelmed)"
    r"(?: \w+){0,6} " + _EN_DONT_KNOW + r" what (?:to do|i should do)",
    _EN_DONT_KNOW + r" what to do(?: \w+){0,6} (?:so |very |really )?(?:bad|awful"
    r"|terrible|desperate|hopeless|scared|lost|overwhelmed)",
    _EN_DONT_KNOW + r" what (?:to do|i should do) any ?more",
    # One attack now, not "I have panic attacks": that is something to work on with a mentor.
    r"(?:having|i have|got|getting|in the middle of) (?:a |another )panic attack"
    r"|panic attack (?:right )?now|(?:i m|im|i am) panicking",
    r"can ?t breathe(?! (?:lol|lmao|haha\w*|from laughing))|can ?t stop (?:crying|shaking)",
    r"(?:no one|noone|nobody) (?:even |really )?(?:cares|gives a \w+) (?:about me|if i|whether i)",
    r"(?:no one|noone|nobody) (?:even |really )?(?:loves|wants|needs) me",
    r"(?:i m|im|i am|i feel|feel|feeling) (?:so|completely|totally|all|really|very|utterly)"
    r" (?:alone|lonely)",
    r"i have (?:no one|noone|nobody)(?! to (?:go|play|study|hang|sit|practi\w*)\b)",
    r"(?:no one|noone|nobody) to talk to",
    r"(?:i m|im|i am) (?:in danger(?! of)|not safe)",
    r"(?:don ?t|do not) feel safe(?! (?:with|about) it)",
    r"help(?: me)?(?: please| pls| plz)?(?: \w+){0,3} (?:scared|afraid|terrified|desperate)",
    r"(?:scared|afraid|terrified)(?: \w+){0,2} (?:please )?help(?: me)?$",
    r"(?:ran|run|running|gonna run|going to run) away from home",
    r"(?:kicked|threw|thrown|throw|kick|kicking) me out(?! of (?:the )?(?:class|school|group"
    r"|chat|team|game|lesson))",
    r"(?:kicked|thrown) out (?:of )?(?:the |my )?(?:house|home|flat|apartment)",
    r"(?:nowhere|no where|no place) (?:else )?to (?:sleep|stay|live)|nowhere (?:else )?to go"
    r"(?: tonight|$)",
    r"sleeping (?:on the streets?|outside|rough|in the park)|living on the streets?",
    r"(?:i m|im|i am) homeless",
    # "There's nothing to eat" is the fridge; "we have nothing to eat" is not.
    r"(?:i|we) (?:have|ve got|got) (?:nothing to eat|no food)|nothing to eat for days",
    r"(?:haven ?t|have not|didn ?t|did not|not) eat(?:en)? (?:anything |properly )?(?:in|for"
    r"|since) (?:\w+ ){0,2}(?:days|yesterday|week|weeks)",
    r"(?:no|any) money (?:for|to buy) food|can ?t afford (?:food|to eat)",
    # Not "I hate my life": everyone says it about Mondays.
    r"hate myself|hate being alive|can ?t live like this",
    r"(?:want|wanna|wish i could) (?:to )?disappear forever",
    r"(?:i m|im|i am|feel|feeling) (?:so |completely |totally )?(?:desperate|hopeless|worthless)"
    r"(?! (?:for|at|to)\b)",
    r"(?:having|had) a (?:mental |nervous )?breakdown|(?:i m|im) breaking down",
    r"(?:i m|im|i am|everything is|everything s|my life is) falling apart",
    r"(?:i m|im|i am) not (?:ok|okay)(?! with)",
)

# --------------------------------------------------------------------------------- Latvian

_LV_WHO = (
    r"(?:tetis|tets|tevs|tetuks|patevs|mamma|mama|mate|pamate|bralis|masa|vectevs|vecmamma"
    r"|vecaki|onkulis|tevocis|tante|puisis|draugs|vins|vini|virs|skolotajs|treneris|kaimins)"
)
# "sit" also means playing drums, hammering, whipping cream; and "sit" is English.
_LV_NOT_BEATING = (
    r"(?! (?:bung|nagl|ol|krejum|put|pulksten|bumb|pa bumb|vartus|gaisu|plaukst|pog|rekord"
    r"|down|here|there|with|next|on|in|at|still|up|back|and)\w*)"
)

# After "vairs nevaru" another verb makes it "can no longer come": infinitives end in -t, -ties.
_LV_NO_OTHER_VERB = r"(?! (?:\w+ )?(?!izturet|paciest|turpinat|dzivot|elpot)\w+(?:t|ties)\b)"

LV_SELF_HARM = (
    # "gribu nomirt no kauna": die of shame, of laughter, of boredom, of hunger.
    r"(?:gribu|gribas|gribejas|gribetos|gribetu|gribeju|velos|veletos) … (?:nomirt|mirt"
    r"|nogalinaties|nosisties|pakarties|but mirus\w*|but miris)"
    r"(?! no (?:smiekl|kaun|garlaicib|bada)\w*)",
    r"(?:negribu|negribas|negribetos|nevelos|negribejas|negribas) … dzivot"
    r"(?! (?:ar|kopa|pie|tur|seit|te|vien\w*|laukos|pilseta\w*|riga|latvija|arzemes|kopmitnes"
    r"|dzivokli|maja\w*|ta ka|tadu|sadu|blakus|tuvu|talu)\b)",
    r"dzivot (?:vairs )?negrib(?:u|as)|(?:apnic\w*|apnika|noguru\w*) (?:no )?dzivot\w*",
    r"nogal(?:in|e)(?:aties|asos|os|ajos|ajas|ies|asies|eties|esos)",
    r"nogal(?:in|e)\w* sevi|sevi (?:\w+ )?nogal(?:in|e)\w*",
    r"nosisties|nositisos|nositos",  # slang for killing oneself
    r"pakarties|pakarsos",
    r"(?:nolekt|nolek\w*|lekt|leksu) no (?:jumta|tilta|balkona|loga|majas|stava)",
    # Some still type "š" as "sh".
    r"pash?navib\w*(?! (?:prevencij|noversan)\w*)|pash?navniec\w*",
    r"atnem\w* sev dzivib\w*|(?:iz)?beig\w* (?:savu )?dzivi",
    r"(?:gribu|gribas|gribetos) (?:vienkarsi )?visu (?:iz)?beigt(?! un sakt)",
    # Cutting oneself; a single cut hand ("sagriezu roku") is an accident.
    r"(?:sa)?griez\w* sevi|sevi (?:\w+ )?(?:sa)?griez\w*",
    r"(?:sa)?griez\w* (?:sev )?(?:rokas|venas|plaukstas locitavas|gurnus)",
    r"savaino\w* sevi|sevi (?:\w+ )?savaino\w*|kaitej\w* sev|kaitet sev|sev (?:\w+ )?kaitej\w*"
    r"|nodar\w* sev pari",
    r"passavaino\w*|paskait(?:ejum|esan)\w*",
    r"pardoz\w*",
    r"(?:sadzer|sarij|saed)\w* (?:\w+ )?tablet\w*"
    r"|(?:iedzer|norij|dzer)\w* (?:visas|daudz|visu pacinu|paku|sauju) tablet\w*",
    r"nav (?:\w+ )?(?:jegas|verts|prieks ka|kapec) dzivot|dziv(?:ei|e) nav (?:\w+ )?jegas",
    r"(?:labak|vieglak) bez manis|bez manis … (?:labak|vieglak)",
    r"(?:kaut|labak) (?:es )?(?:butu miris|butu mirusi|nebutu dzimis|nebutu dzimusi|nomirtu"
    r"|nebutu dzivs|nebutu dziva)",
    r"negrib\w* (?:vairs )?pamosties(?! (?:agri|no rita|rit|\d)\w*)"
    r"|aizmigt un (?:vairs )?nepamosties",
    r"atvadu (?:vestul|zin)\w*",
)

LV_ABUSE = (
    r"mani (?:\w+ )?(?:sit|sita|situsi|sitis|piekauj|piekava|piekavusi|dauza|dauzija|sparda"
    r"|spardija|znaudz|znaudza|pera)\b",
    r"(?:sit|sita|piekauj|piekava|dauza|sparda) mani|sit man pa",
    _LV_WHO
    + r" (?:\w+ )?"
    + _any(
        r"(?:sit|sita|piekauj|piekava|dauza)" + _LV_NOT_BEATING,
        r"(?:man )?uzmac\w*",  # forces himself on me
        r"man draud\w*(?! ar pirkst)",
        r"(?:ir|bija|klust) (?:\w+ )?vardarbig\w*",
    ),
    r"esmu (?:\w+ )?(?:sists|sista|piekauts|piekauta|izvarots|izvarota)|tieku (?:sists|sista)",
    r"izvaro\w*",
    r"seksual\w* (?:izmanto\w*|uzmac\w*)",
    r"(?:man|mani) (?:\w+ )?(?:pieskaras|aiztiek|aiztika|tausta|taustija)",
    r"(?:aiztiek|aiztika|tausta|taustija) mani",
    r"draud\w* (?:\w+ )?(?:nogalinat|nosist|sist|piekaut|izvarot)",
    r"draud\w* (?:\w+ )?(?:publicet|izlikt|nosutit|nopludinat|izpaust|paradit)"
    r" (?:\w+ )?(?:bild|foto|video|kail)\w*",
    r"draud(?:a|eja)? man\b(?! ar pirkst)",  # not wagging a finger
    r"(?:piespie|spie)\w* (?:mani )?(?:\w+ )?(?:seks\w*|gulet ar|izgerbties|strad\w* bez algas"
    r"|strad\w* par velti|sutit (?:\w+ )?(?:bild|foto)\w*|fotograf\w*)",
    r"liek man (?:\w+ )?(?:strad\w* bez algas|seks\w*|izgerbties|sutit (?:\w+ )?(?:bild|foto)\w*)",
    r"mani (?:\w+ )?(?:iesledz|ieslodz)\w*|(?:iesledz|iesledza|ieslodz)\w* mani",
    r"(?:baidos|bail|bailes) (?:\w+ )?(?:iet|braukt|atgriezties|doties|nakt) (?:uz )?maj(?:as|am)",
    r"(?:atnema|panema|atnem) (?:man )?(?:manu |manus )?(?:pasi|dokumentus)",
    r"santaz\w*",
    r"(?:kail|intim)\w* (?:bild|foto)\w*|kail(?:bild|foto)\w*",
    r"(?:piedzivoju|piedzivojusi|piedzivojis|ciesu|cietu|cietusi|cietis) (?:\w+ )?vardarbib\w*",
    r"pret mani (?:\w+ )?vardarbig\w*|vardarbig\w* pret mani|mums majas (?:\w+ )?vardarbib\w*",
)

LV_DISTRESS = (
    # "vairs nevaru" alone is despair.
    r"(?:vairs nevaru|nevaru vairs|vairs nespeju|nespeju vairs|vairs nav speka|nav vairs speka)"
    + _LV_NO_OTHER_VERB,
    r"vairs neizturu|neizturu vairs|nav speka dzivot",
    r"(?:slikti|gruti|smagi|bail|baisi|briesmigi|sudigi|drankigi|bezcerig\w*|izmisum\w*)"
    r"(?: \w+){0,6} nezinu(?: \w+)? ko (?:lai )?(?:daru|darit|iesakt)",
    r"nezinu ko (?:lai )?(?:daru|darit|iesakt)(?: \w+){0,6} (?:slikti|gruti|smagi|bail|baisi"
    r"|briesmigi|sudigi|drankigi|bezcerig\w*|izmisum\w*)",
    r"vairs nezinu ko (?:lai )?(?:daru|darit)|nezinu vairs ko (?:lai )?(?:daru|darit)",
    # One attack now ("panikas lēkme"), not "panikas lēkmes" as something to work on.
    r"panikas (?:lekme|atak[au])\b|man ir panika",
    r"nevaru (?:paelpot|elpot)(?! no smiekl\w*)|nevaru (?:beigt|parstat) raudat",
    r"nevienam (?:es )?(?:neesmu|nav) vajadzig\w*|nevienam (?:\w+ )?nerupu",
    r"nevienam (?:\w+ )?par mani (?:\w+ )?nerup|nevienam nerup par mani",
    r"neviens mani (?:\w+ )?nemil|mani neviens (?:\w+ )?nemil",
    r"esmu (?:\w+ )?(?:pilnigi|pavisam|galigi|tik|loti|absoluti) (?:viens|viena|vientul\w*)",
    r"(?:pilnigi|pavisam|galigi|tik|loti|briesmigi) vientul\w*",
    r"man nav neviena(?: (?:kam|ar ko|kas)\b|$)|nav ar ko (?:parunat|runat|aprunaties)"
    r"|nav kam (?:pastastit|izstastit|pateikt)",
    r"esmu briesmas|man draud briesmas|neesmu drosiba"
    r"|nejutos drosi(?: majas| ar (?:vinu|tevu|tetu|patevu)| seit| tur|$)",
    r"(?:baidos|bail) par savu dzivibu",
    r"palidz\w*(?: (?:man|mani|ludzu|tagad|steidzami))* (?:man ir )?(?:loti )?(?:bail|baisi)",
    r"(?:bail|baisi)(?: \w+){0,2} palidz(?:iet|i|at)\b",
    r"gribu (?:vienkarsi )?pazust uz visiem laikiem",
    r"(?:aiz)?beg(?:u|su|t|sim|am) (?:\w+ )?no majam",
    r"(?:izmeta|izmet|izdzina|padzina|izlika) (?:mani )?(?:ara )?(?:no majam|no majas"
    r"|no dzivokla|uz ielas)",
    r"nav kur (?:palikt|gulet|dzivot|naksnot|parnaksnot)|nav kur iet(?: sonakt|$)",
    r"(?:gulu|dzivoju|naksnoju|guleju|naksnoju) (?:uz ielas|parka|kapnu telpa|kapnutelpa)",
    r"esmu bez pajumtes|esmu bezpajumtniek\w*|palik\w* (?:bez pajumtes|uz ielas)",
    # "Nav ko ēst" alone is the fridge; "man nav ko ēst" is not.
    r"(?:man|mums) (?:\w+ )?nav ko est|nav ko est (?:jau )?(?:\w+ )?dien\w*",
    r"nav naudas (?:\w+ )?(?:edienam|partikai|est)",
    r"neesmu (?:\w+ )?(?:edis|edusi)(?: \w+){0,3} (?:dien\w*|kops vakar\w*)",
    r"ienistu sevi|nevaru (?:vairs )?(?:ta|sadi) dzivot",
    r"dzive (?:ir )?(?:\w+ )?bezjedzig\w*",
    r"izmisum\w*|izmisis|izmisusi",
    r"(?:viss (?:ir )?|jutos |dzive (?:ir )?)(?:tik |pilnigi |loti )?bezcerig\w*",
)

# ------------------------------------------------------------------------------- Lithuanian

_LT_WHO = (
    r"(?:tetis|tevas|tetukas|patevis|mama|mamyte|motina|pamote|brolis|sesuo|sese|senelis"
    r"|dede|teta|vaikinas|draugas|tevai|jis|ji|jie|vyras|treneris|mokytojas|kaimynas)"
)

# Colloquial Lithuanian often drops an infinitive's last "i": "noriu numirt", "nenoriu gyvent".
LT_SELF_HARM = (
    r"(?:noriu|norisi|noreciau|norejau|noretusi|norejosi) … (?:mirti?|numirti?|nusizudyti"
    r"|pasikarti?|nusibaigti?|nebegyventi?|nebebuti?)(?! is (?:juoko|gedos|nuobodulio|bado))",
    # Not where: "nenoriu gyventi bendrabutyje, Kaune, Klaipėdoje" (a locative, mostly -e).
    r"(?:nenoriu|nebenoriu|nenorisi|nebenorisi|nesinori|nebesinori|nenoreciau) … gyventi?"
    r"(?! (?:su|kartu|pas|ten|cia|vien\w*|taip kaip|kaip|prie|toli|arti|netoli|\w+e)\b)",
    r"gyventi? (?:nebe|ne)(?:noriu|sinori|norisi)|(?:pavargau|nusibodo|atsibodo) gyventi?",
    r"nusizud\w*",
    r"savizudyb\w*(?! prevencij\w*)|savizudisk\w*",
    # Reflexive cutting ("pjaustausi", "pjausčiausi", "pjaustytis"); "pjaustyti" alone is
    # cutting vegetables, and "susižalojau" is an injury at training.
    r"(?:susi)?pjaus[tc]\w*(?:si|tis)|susipjaus[tc]\w*|pjaunuosi|pjoviausi",
    r"pjaus[tc]\w* (?:sau )?(?:save|rankas|riesus|venas|kojas|slaunis)|save (?:\w+ )?pjaus[tc]\w*",
    r"persipj\w* (?:\w+ )?venas|perpj\w* (?:sau )?venas",
    r"zaloj(?:uosi|ausi|asi|osi|iesi)|zalotis|zalo\w* save|save (?:\w+ )?zalo\w*",
    r"saves zalojim\w*|savizal\w*",
    r"perdoz\w*",
    r"(?:prisiger|prisiry)\w* (?:\w+ )?tablet\w*"
    r"|(?:isger|suvalg)\w* (?:visas|daug|visa pakuote|pakuote|sauja) tablet\w*",
    r"pasikarti?|pasikarsiu|pasikoriau",
    r"(?:nusok\w*|soksiu) nuo (?:stogo|tilto|balkono|namo|daugiaaukscio|daugiabucio)",
    r"nera (?:\w+ )?(?:del ko|prasmes|kam) gyventi?|neverta (?:\w+ )?gyventi?"
    r"|neturiu (?:\w+ )?del ko gyventi?|gyventi? neverta",
    r"gyvenimas (?:\w+ )?neturi prasmes|gyvenime nera prasmes",
    r"(?:geriau|lengviau) be manes|be manes … (?:geriau|lengviau)",
    r"(?:geriau|kad) (?:as )?(?:buciau (?:negimes|negimusi|mires|mirusi)|numirciau"
    r"|niekada nebuciau gimes|niekada nebuciau gimusi)|noreciau niekada negimti",
    r"uzmigti ir (?:daugiau )?nebe?pabusti",
    r"(?:nebe|ne)noriu pabusti(?! (?:rytoj|anksti|ryte|\d)\w*)",
    r"atsisveikinimo (?:laisk|zinut)\w*",
    r"atim\w* sau gyvyb\w*",
    # Not "baigti gyvenimo aprašymą": that is finishing a CV.
    r"(?:baigti?|nutraukti?|nutrauksiu|baigsiu) (?:savo )?gyvenima|baigti? su gyvenimu",
)

LT_ABUSE = (
    r"mane (?:\w+ )?(?:musa|muse|musdavo|sumuse|primuse|spardo|sparde|smaugia|smauge|plaka"
    r"|plake|dauzo|dauze|skriaudzia|skriaude)\b(?! kamuol\w*)",
    r"(?:musa|muse|sumuse|primuse|spardo|smaugia|dauzo) mane",
    # "muša" is also drums, records, a ball: only people, and not those objects.
    _LT_WHO + r" (?:\w+ )?(?:musa|muse|musdavo|smurtauja|smurtavo|smurtaudavo)"
    r"(?! (?:bugn|rekord|kamuol|lauk|baud|ivarc|smug)\w*)",
    r"(?:man|mane) trenk(?:e|ia)|trenk(?:e|ia) man\b",
    r"smurtau\w* pries mane|(?:patiriu|patyriau|patiriame) (?:\w+ )?smurt\w*",
    r"namuose (?:\w+ )?smurtau\w*|smurtauja namuose",
    r"(?:is)?prievarta(?:v|u)\w*|seksualin\w* prievart\w*",
    r"lytisk\w* (?:isnaudo|priekabia|prievart)\w*",
    r"tvirkin\w*",
    r"ciupinej\w* mane|mane (?:\w+ )?ciupinej\w*|mane liete|liete mane|nepadoriai liet\w*",
    r"priekabia(?:u|v)\w* prie manes|prie manes (?:\w+ )?priekabia(?:u|v)\w*",
    # "man grasina pašalinimu" is a school threat, not a person's.
    r"(?:man|mane) (?:\w+ )?grasin\w*(?! (?:pasalin|ismest|pirst)\w*)"
    r"|grasin\w* (?:man|mane)\b(?! (?:pasalin|ismest|pirst)\w*)",
    r"grasin\w* (?:\w+ )?(?:nuzudyti|uzmusti|sumusti|paskelbti|isplatinti|issiusti|parodyti"
    r"|nutekinti)",
    r"(?:vercia|privercia|priverte|verte|versdavo) (?:mane )?(?:\w+ )?(?:dirbti (?:be|uz dyka"
    r"|nemokamai)|miegoti? su|mylet\w*|sekso|nusirengti|siusti (?:\w+ )?nuotrauk\w*"
    r"|fotografuotis)",
    r"mane (?:\w+ )?(?:uzrakin\w*|uzdare|uzdaro)|(?:uzrakin\w*|uzdare|uzdaro) mane",
    r"(?:bijau|baisu) (?:\w+ )?(?:eiti?|grizti?|vaziuoti?|parvaziuoti?|pareiti?)"
    r" (?:\w+ )?(?:namo|namu|i namus)",
    r"(?:ateme|paeme|pasieme|atima) (?:\w+ )?(?:pasa|dokumentus)",
    r"santaz\w*",
    r"(?:nuog|intym)\w* (?:nuotrauk|foto)\w*",
)

# As in Latvian: "nebegaliu" alone is despair, "nebegaliu ateiti" is "can't come".
_LT_NO_OTHER_VERB = r"(?! (?:\w+ )?(?!istverti?|pakelti?|gyventi?|kvepuoti?)\w+(?:ti|tis)\b)"

LT_DISTRESS = (
    r"(?:nebegaliu|nebeturiu jegu|neturiu daugiau jegu|nebera jegu)" + _LT_NO_OTHER_VERB,
    r"nebeistveriu|nebepakeliu",
    r"(?:blogai|sunku|baisu|siaubinga|beviltisk\w*|liudna|prastai)(?: \w+){0,6}"
    r" (?:ne|nebe)zinau(?: \w+)? (?:ka|ko) (?:man )?(?:daryti?|darau)",
    r"(?:ne|nebe)zinau (?:ka|ko) (?:man )?daryti?(?: \w+){0,6} (?:blogai|sunku|baisu|siaubinga"
    r"|beviltisk\w*|liudna|prastai)",
    r"nebezinau (?:ka|ko) (?:man )?daryti?|nezinau (?:ka|ko) (?:man )?daryti? daugiau",
    r"panikos (?:ataka|priepuolis)\b",
    r"negaliu kvepuoti?(?! is juoko)|negaliu (?:nustoti|liautis) verkti",
    r"niekam (?:\w+ )?nerupiu|niekam (?:\w+ )?nesu (?:reikaling|svarb)\w*",
    r"niekas (?:\w+ )?manes nemyli|manes niekas nemyli",
    r"(?:esu|jauciuosi) (?:\w+ )?(?:visiskai|visai|labai|tokia|toks|baisiai|siaubingai)"
    r" (?:vienas|viena|vienisas|vienisa|vienisi)",
    r"neturiu (?:su kuo|kam) (?:pasikalbeti?|pasipasakoti?|pasakyti)",
    r"esu pavojuje|man gresia pavojus|nesu (?:saugus|saugi)|bijau del savo gyvybes",
    r"nesijauciu saugi(?:ai|us)?(?: namuose| su juo| cia| ten|$)",
    r"padek\w*(?: (?:man|prasau|greiciau|skubiai|dabar))* (?:as )?(?:labai )?(?:bijau|baisu)",
    r"(?:bijau|baisu)(?: \w+){0,2} padek(?:it|ite)?\b",
    r"noriu (?:tiesiog )?(?:isnykti|dingti) (?:visam laikui|visiems laikams|amzinai)",
    r"pabeg(?:au|siu|ti|o|sime) (?:\w+ )?is namu",
    r"(?:ismete|isvare|isvaro|ismeta|isvijo) (?:mane )?(?:\w+ )?is namu"
    r"|mane (?:\w+ )?(?:ismete|isvare) (?:i gatve|lauk)",
    r"(?:neturiu|nera) kur (?:miegoti?|gyventi?|nakvoti?|pernakvoti?|detis)"
    r"|neturiu kur eiti?(?: siandien| sianakt|$)",
    r"(?:miegu|gyvenu|nakvoju|miegojau|nakvojau) gatveje|esu benam\w*|likau (?:be namu|gatveje)",
    # "Nėra ką valgyti" alone is the fridge; "neturiu ką valgyti" is not.
    r"(?:neturiu|neturime) (?:ka|ko) valgyti?|nera (?:ka|ko) valgyti? (?:jau )?(?:\w+ )?dien\w*",
    r"(?:nera|neturiu) pinigu (?:\w+ )?maistui",
    r"nevalgiau (?:\w+ ){0,2}(?:dien\w*|nuo vakar\w*|paras?)",
    r"nekenciu saves|negaliu (?:daugiau )?taip gyventi?",
    r"gyvenimas (?:yra )?(?:\w+ )?beprasm\w*",
    r"viskas (?:\w+ )?beviltisk\w*|jauciuosi (?:\w+ )?beviltisk\w*|nevilt(?:yje|is|ies)",
    r"nieko nebesinori|nieko nebenoriu",
)

# ---------------------------------------------------------------------------------- Russian

_RU_WHO = (
    r"(?:отец|папа|папаша|батя|отчим|мать|мама|мачеха|брат|сестра|дед|дедушка|бабушка|дядя"
    r"|тетя|парень|муж|сожитель|он|она|они|родители|одноклассники|учитель|тренер|сосед)"
)
# Preventing suicide is a topic, not a person in danger.
_RU_NOT_PREVENTION = r"(?<!профилактика )(?<!профилактики )(?<!профилактике )"

# "Не хочу жить в общежитии / с родителями": where and with whom, not whether.
_RU_NOT_WHERE = (
    r"(?! (?:в|во|с|со|у|на|там|здесь|тут|одн\w*|вместе|далеко|рядом|как|так как|за|под|без)\b)"
)

RU_SELF_HARM = (
    r"(?:хочу|хочется|хотелось бы|хотела бы|хотел бы) … (?:умереть|сдохнуть|помереть"
    r"|не существовать|покончить с собой|уйти из жизни)(?! от (?:смеха|скуки|стыда))",
    r"(?:хочу|хочется) (?:просто )?не жить" + _RU_NOT_WHERE,
    r"не (?:хочу|хочется) … жить" + _RU_NOT_WHERE,
    r"жить (?:больше |вообще |уже )?не хоч(?:у|ется)|жить надоело|надоело жить|устал\w* жить",
    r"поконч\w* (?:с собой|с жизнью|со всем)",
    r"(?:убью|убить|убила|убил|убиваю|убивать|убьешь) себя",
    _RU_NOT_PREVENTION + r"(?:суицид\w*|самоубий\w*)",
    r"выпил(?:иться|юсь|ился|илась|ишься|имся)",  # slang: "to saw oneself out"
    r"повеситься|повешусь|повесилась|повесился|вздернусь|вздернуться",
    r"(?:вскр|порез|перерез|разрез|реж|резат)\w* (?:себе )?вен\w*"
    r"|вены (?:\w+ )?(?:резать|вскрыть|порезать|вскрою|порежу)",
    r"(?:режу|резала|резал|порезал[аи]?|порежу|резать|порезать|царапаю|расцарапал[аи]?)"
    r" (?:себе )?(?:себя|руки|запястья|ноги|бедра|кожу|тело)",
    r"(?:режусь|резалась|резался)(?! в )",  # "режусь в доту" is playing a game
    r"селфхарм\w*|самоповрежд\w*|причин\w* себе (?:боль|вред)|нанош\w* себе (?:порез|ран|вред)\w*",
    r"наглот\w* (?:\w+ )?таблет\w*|(?:выпью|выпила|выпил|выпить|съем|съела|сожру) (?:все|много"
    r"|пачку|упаковку|целую пачку|горсть|кучу) (?:\w+ )?таблет\w*|передоз\w*",
    r"(?:прыгну|спрыгну|сброшусь|прыгнуть|спрыгнуть|сброситься|шагну|шагнуть) (?:с|из) (?:крыши"
    r"|моста|балкона|окна|многоэтажки|этажа)|выйти в окно|выйду в окно",
    r"(?:нет смысла|незачем|не для чего|не ради чего) (?:больше |дальше )?жить"
    r"|жить (?:больше |дальше )?(?:незачем|нет смысла|не для чего)",
    r"жизнь (?:\w+ )?не имеет (?:никакого )?смысла|(?:нет|не вижу) смысла (?:в )?жизни",
    r"(?:лучше|легче|проще) без меня|без меня … (?:лучше|легче|проще)",
    r"лучше бы (?:я )?(?:умер|умерла|сдох|сдохла|не родил\w*)|зачем я (?:вообще )?родил(?:ся|ась)",
    r"(?:уснуть|заснуть) и не проснуться",
    r"прощальн\w* (?:письм|записк|сообщени)\w*|предсмертн\w*",
    r"уй(?:ти|ду) из жизни",
    # Russian typed in Latin letters.
    r"(?:hochu|hochetsya|xochu) (?:umeret|sdohnut|sdoxnut)|ne (?:hochu|hochetsya|xochu) zhit",
    r"pokonch\w* s soboi|pokonch\w* s soboj|pokonch\w* s soboy|ub(?:it|yu|ju) seb(?:ya|ja|a)",
)

RU_ABUSE = (
    # "меня бьёт дрожь / током": shivering, an electric shock.
    # "меня бьёт дрожь / током", "меня колотит": shivering, a shock, nerves.
    r"меня (?:\w+ )?(?:бьют|бьет|били|бил|била|избива\w*|изби(?:л|ла|ли)|лупит|лупят"
    r"|лупил\w*|пина\w*|душил\w*)(?! (?:током|дрож\w*|озноб\w*))",
    r"(?:бьют|бьет|бил|била|били|избива\w*|избил\w*|лупит|лупят) меня(?! (?:током|по карману))",
    _RU_WHO
    + r" (?:\w+ )?"
    + _any(
        r"(?:бьет|бьют|бил|била|били|избива\w*|избил\w*|колотит|лупит)"
        r"(?! (?:по мяч|мяч|рекорд|баклуш|тревог|в бубен|в барабан|челом|ковер|ковр|гвозд|по груш"
        r"|яйц)\w*)",
        r"трога\w* меня|меня (?:\w+ )?трога(?:ет|л|ла|ют|ли)(?! (?:эта|этот|это|его|ее)\b)",
    ),
    r"(?:подним\w*|поднял\w*) на меня руку|руку на меня (?:подним|поднял)\w*",
    r"menya (?:bjut|byut|b yut|bjet|byet|b yet|izbiva\w*)",
    r"изнасил\w*|насилу(?:ет|ют)|насиловал\w*",
    r"домога\w*|приста(?:ет|ют|вал\w*) ко мне(?! с (?:вопрос|расспрос)\w*)",
    r"лапа(?:ет|ют|л|ла|ли) меня|меня (?:\w+ )?лапа(?:ет|ют|л|ла|ли)",
    r"трога(?:ет|ют|л|ла|ли) меня (?:за|там|везде|под|когда)",
    r"(?:пережила|пережил|терплю|терпела|терпел|подвергаюсь|подвергалась|подвергался|испытываю"
    r"|испытала|испытал) (?:\w+ )?насили\w*|у нас (?:дома|в семье) (?:\w+ )?насили\w*",
    # A threat of expulsion from school is not a person threatening them.
    r"(?:мне|меня) (?:\w+ )?угрожа\w*(?! (?:исключ|отчисл|двойк)\w*)"
    r"|угрожа\w* (?:мне|меня)(?! (?:исключ|отчисл|двойк)\w*)",
    r"угрожа\w* (?:\w+ )?(?:убить|избить|зарезать|выложить|разослать|слить|опубликовать"
    r"|отправить)",
    r"застав\w* (?:меня )?(?:\w+ )?(?:спать с|заниматься сексом|раздева\w*|раздеться"
    r"|работать бесплатно|работать без|отправ\w* (?:\w+ )?фот\w*|присыла\w* (?:\w+ )?фот\w*"
    r"|скин\w* (?:\w+ )?фот\w*|скидыва\w* (?:\w+ )?фот\w*|сниматься)",
    r"(?:запира\w*|запер\w*) меня|меня (?:\w+ )?(?:запира\w*|запер\w*|закры\w* в)",
    r"(?:боюсь|страшно|стремно) (?:\w+ )?(?:идти|возвращаться|вернуться|ехать|приходить|прийти"
    r"|появляться) домой",
    r"(?:забрал\w*|отобрал\w*|отнял\w*) (?:у меня )?(?:мой |мои )?(?:паспорт|документы)",
    r"шантаж\w*",
    r"интимн\w* (?:фото|фотк\w*|снимк\w*|видео)|гол\w* (?:фото|фотк\w*)|нюдс\w*|нюдес\w*",
)

# As in Latvian: "больше не могу" alone is despair, "больше не могу прийти" is a date.
_RU_NO_OTHER_VERB = (
    r"(?! (?:\w+ )?(?!терпеть|жить|выносить|дышать|держаться|справляться)"
    r"\w+(?:ть|ти|ться|тись|чь)\b)"
)

RU_DISTRESS = (
    r"(?:больше не могу|не могу больше|сил (?:больше|уже) нет|нет (?:больше|уже) сил)"
    + _RU_NO_OTHER_VERB,
    r"(?:больше|уже) не (?:выдерживаю|вывожу)",
    r"(?:плохо|хреново|херово|фигово|паршиво|тяжело|ужасно|страшно|хуево|одиноко)(?: \w+){0,6}"
    r" не знаю(?: \w+)? (?:что|чо|че) (?:мне )?делать",
    r"не знаю (?:что|чо|че) (?:мне )?делать(?: \w+){0,6} (?:плохо|хреново|херово|фигово|паршиво"
    r"|тяжело|ужасно|страшно|хуево|одиноко)",
    r"(?:уже|больше|вообще) не знаю (?:что|чо|че) (?:мне )?делать",
    r"ploho(?: \w+){0,6} ne zna(?:yu|ju|u) (?:chto|cho|che|4to) delat",
    r"bolshe ne mogu|ne mogu bolshe",
    # One attack now, not "панические атаки" as something to work on.
    r"паническ\w* атак[ау]\b|приступ паники|у меня паника",
    r"не могу дышать(?! от смеха)|не могу (?:перестать|прекратить) плакать",
    r"никому (?:я )?не нуж(?:ен|на|ны)|я никому не нуж(?:ен|на|ны)",
    r"(?:всем|никому) (?:\w+ )?на меня (?:\w+ )?(?:плевать|пофиг|наплевать|похер)"
    r"|всем (?:\w+ )?(?:плевать|пофиг|наплевать|похер) на меня",
    r"никто меня не любит|меня никто не любит",
    r"(?:совсем|совершенно|абсолютно|так|очень) одинок\w*"
    r"|(?:я )?(?:совсем|совершенно|абсолютно) (?:один|одна)(?! из)",
    r"не с кем (?:поговорить|поделиться)|некому (?:рассказать|пожаловаться)",
    r"я в опасности|мне (?:угрожает|грозит) опасност\w*|боюсь за свою жизнь"
    r"|(?:не чувствую себя|чувствую себя не) в безопасности|мне небезопасно",
    r"помог\w*(?: (?:мне|пожалуйста|пж|срочно|кто нибудь))* (?:мне )?(?:очень )?(?:страшно|боюсь)",
    r"(?:страшно|боюсь)(?: \w+){0,2} помоги(?:те)?\b",
    r"хочу (?:просто )?исчезнуть навсегда",
    r"(?:сбежал\w*|убежал\w*|сбегу|убегу|сбежать|убежать|сбегаю) из дома",
    r"(?:выгна\w*|выкинул\w*|выставил\w*) (?:меня )?(?:из дома|из квартиры|на улицу)"
    r"|меня (?:\w+ )?(?:выгна\w*|выкинул\w*|выставил\w*) (?:из дома|из квартиры|на улицу)",
    r"негде (?:ночевать|переночевать|спать|жить)|некуда идти",
    r"(?:сплю|живу|ночую|ночевал\w*|спал\w*) на улице|я (?:теперь )?бездомн\w*"
    r"|остал(?:ся|ась) на улице",
    # "Дома нечего есть" is the fridge; "нам нечего есть" is not.
    r"(?:мне|нам) (?:\w+ )?нечего (?:есть|кушать|поесть|жрать)"
    r"|нечего (?:есть|кушать|поесть|жрать) (?:уже )?(?:\w+ )?(?:дня|дней|день|сутки|суток)",
    r"нет денег (?:\w+ )?на еду",
    r"не (?:ел|ела|ем|кушал\w*|жрал\w*) (?:\w+ ){0,2}(?:дня|дней|сутки|суток|со вчера\w*)",
    r"ненавижу себя|не могу (?:больше )?так жить",
    r"(?:жизнь|все) (?:\w+ )?бессмысленн(?:а|о)",
    r"в отчаянии|отчаял(?:ся|ась)|безнадег\w*",
    r"нервн\w* срыв\w*",
)

PATTERNS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {SELF_HARM: EN_SELF_HARM, ABUSE: EN_ABUSE, DISTRESS: EN_DISTRESS},
    "lv": {SELF_HARM: LV_SELF_HARM, ABUSE: LV_ABUSE, DISTRESS: LV_DISTRESS},
    "lt": {SELF_HARM: LT_SELF_HARM, ABUSE: LT_ABUSE, DISTRESS: LT_DISTRESS},
    "ru": {SELF_HARM: RU_SELF_HARM, ABUSE: RU_ABUSE, DISTRESS: RU_DISTRESS},
}

# ------------------------------------------------------------------------- Asking for help

# A whole message that only asks for help: one of these, repeated or not, with fillers.
HELP_REQUESTS = (
    r"sos",
    r"help|help me|help us|helpme|i need help|i need some help|need help|need some help"
    r"|i need your help|someone help me|somebody help me",
    r"palidziba|palidzibu|palidziet|palidzat|palidzi|palidz|paliga|palidziet man|palidzi man"
    r"|palidz man|man vajag palidzibu|vajag palidzibu|man vajadziga palidziba"
    r"|vajadziga palidziba|man nepieciesama palidziba|nepieciesama palidziba|glabiet"
    r"|glabiet mani|izglabiet",
    r"pagalba|pagalbos|padekit|padekite|padek|padekit man|padekite man|padek man"
    r"|man reikia pagalbos|reikia pagalbos|man reikalinga pagalba|reikalinga pagalba"
    r"|man reikia jusu pagalbos|gelbekit|gelbekite|gelbek",
    r"помощь|помогите|помоги|помогите мне|помоги мне|мне нужна помощь|нужна помощь"
    r"|мне нужна ваша помощь|спасите|спаси|спасите меня",
    r"pomogite|pomogi|pomosh|pomosch|pomoshch|mne nuzhna pomosh|nuzhna pomosh|spasite",
)

# Words that may come before or after a request without making it about something else.
HELP_FILLERS = (
    r"please|pls|plz|now|right now|asap|urgently|urgent|quick|quickly|someone|somebody"
    r"|anyone|anybody",
    r"ludzu|ludzams|tagad|steidzami|atri|tulit|kads",
    r"prasau|dabar|skubiai|greiciau|greitai|kas nors",
    r"пожалуйста|пожалуста|пж|пжл|срочно|сейчас|скорее|быстрее|кто нибудь|кто то",
    r"pozhaluista|pozhalujsta|pozhalusta|srochno",
)
