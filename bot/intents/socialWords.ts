/**
 * Messages made of social words only, which name nothing the knowledge base or an agent could
 * act on: "Przepraszam, że zawracam głowę, ale potrzebuję porady", "Mam kilka pytań, opiszę za
 * chwilę", "hi, got a sec?", "Sorry to bother you, I need some advice". The vocabulary is of
 * words, not of phrasings, so any order and mix of them is read alike; a word outside it (a
 * service, a fault, a ticket, a person, thanks, a question word) is something said.
 * On folded text (common/text.ts fold).
 */

/** Words that ask for an answer, advice, help or a moment of attention. */
const ASKING = String.raw`pytan\w*|pytank\w*|zapytan\w*|zapyta\w*|spyta\w*|dopyta\w*|podpyta\w*|pytam|pytac|dowiedz\w*|upewni\w*|wyjasni\w*|wytlumacz\w*|potwierdz\w*|porad\w*|doradz\w*|doradztw\w*|pomoc|pomocy|pomoz\w*|pomogl\w*|informacj\w*|info|konsultacj\w*|skonsultowac|watpliwos\w*|zadac|zadawac|wsparci\w*|odpowiedz\w*|sprawa|sprawe|sprawy|sprawke|kwesti\w*|chwil\w*|moment\w*|minutk\w*|sekund\w*|question|questions|q|qs|query|queries|enquiry|enquiries|inquiry|inquiries|ask|asking|help|assist|assistance|advice|advise|information|clarify|clarification|confirm|check|explain|doubt|doubts|sec|second|minute|support`;

/**
 * Words that say nothing of what is wanted: greetings and forms of address, pronouns, particles,
 * prepositions, having, wanting and being able, politeness, apologies, promises to explain later.
 * Not "dzięki"/"thanks" (a thank-you), nor question words (co, jak, what, how: "w czym możesz
 * pomóc?" asks what the desk does), nor persons (konsultant, człowiek, agent) or tickets.
 */
const SAYING_NOTHING = String.raw`dzien|dobry|dobrego|witam|witaj|czesc|hej|hejka|heja|hejo|siema|siemka|elo|halo|hello|helo|hi|hey|hiya|yo|morning|afternoon|evening|szanown\w*|panstw\w*|pan|pani|pana|panu|panie|pania|drogi|droga|zespole|obslugo|ja|mnie|mi|my|nasz\w*|moj\w*|twoj\w*|wasz\w*|nas|nam|ty|ci|cie|ciebie|tobie|was|wam|sie|to|ten|ta|te|tego|tej|tym|tu|tutaj|tam|ktos|kogos|komus|cos|czegos|czyms|jakis|jakas|jakies|jakiegos|jakiejs|pewien|pewna|pewne|pewnej|pewnego|pewnych|jeden|jedna|jedno|jednej|jednego|jednym|kilka|kilku|pare|paru|dwa|dwie|dwoch|trzy|troche|rzecz|rzeczy|rzecza|temat|tematu|temacie|sprawie|co|chodzi|mozliwos\w*|cierpliwos\w*|wlasciw\w*|miejsce|miejscu|nowy|nowa|czat|czacie|czatu|ogarn\w*|krotk\w*|szybk\w*|mala|male|maly|malo|malutk\w*|drobn\w*|ogoln\w*|i|a|z|ale|albo|lub|bo|ze|zeby|aby|czy|no|tak|juz|jeszcze|tez|takze|tylko|moze|chyba|wlasnie|bardzo|naprawde|serio|prosze|uprzejmie|grzecznie|w|we|na|do|od|po|o|dla|za|przy|u|jesli|jezeli|jest|sa|jestem|jestesmy|byc|bedzie|bym|bys|by|mam|masz|ma|mamy|macie|miec|mial\w*|chce|chcesz|chcemy|chcial\w*|chciec|moge|mozesz|mozecie|mozna|mogl\w*|potrzebuj\w*|potrzebowal\w*|prosil\w*|prosic|prosba|prosbe|udzielenie|udzielic|uzyska\w*|otrzyma\w*|zasiegn\w*|wiedziec|napisze|napisac|opisze|opisac|opowiem|powiem|podam|zaraz|potem|pozniej|wszystko|szczegoly|zajac|zajme|zajmie|zawracac|zawracam|glowe|przeszkadzac|przeszkadzam|niepokoje|sorki|sorka|sorry|przepraszam|wybacz\w*|pisze|pisac|zwracam|zwrocic|licze|liczyc|klient\w*|administrator\w*|admin|adminem|nowym|nowe|firm\w*|dzial\w*|pracuje|pracujemy|nazywam|pilne|pilny|pilna|pilnie|da|rade|nastepujac\w*|dostepny|dostepna|dostepni|wolna|wolnego|czas|czasu|ok|okej|okay|dear|sir|madam|team|im|ive|id|ill|me|we|us|you|ya|it|its|this|that|there|here|an|the|for|with|of|on|in|and|but|or|so|just|only|also|really|real|very|quick|quickly|little|small|short|simple|general|few|couple|some|something|sth|smth|thing|things|one|two|several|any|anyone|anybody|someone|somebody|is|am|are|be|have|has|got|get|need|needed|want|wanted|wanna|would|like|could|can|may|will|wonder|wondering|hoping|hope|please|pls|plz|kindly|excuse|bother|bothering|disturb|time|now|later|soon|available|around|go|over|write|describe|about|regarding|right|place|good|sure|if|not|new|type|chat|admin|administrator|company|employee|department|work|at|our|from|name|urgent|urgently|asap|writing|re|well|following|customer|client|grateful|appreciate|d|m|ll|ve|s`;

const WORD = /[\p{L}\p{N}]+/gu;
const ASKING_WORD = new RegExp(`^(?:${ASKING})$`);
const SOCIAL_WORD = new RegExp(`^(?:${ASKING}|${SAYING_NOTHING})$`);

/** Thanks said in advance, which closes a request rather than thanking for anything. */
const THANKS_IN_ADVANCE = /\b(?:z\s+gory\s+dziek\w*|dziek\w*\s+z\s+gory|(?:thanks|thank\s+you|thx)\s+in\s+advance)\b/g;

/** Whether every word of the folded text says nothing of what is wanted (true for no words). */
export function saysNothing(folded: string): boolean {
  for (const [word] of folded.replace(THANKS_IN_ADVANCE, ' ').matchAll(WORD)) if (!SOCIAL_WORD.test(word)) return false;
  return true;
}

/** Whether the folded text asks for an answer, help or a moment in words that name nothing ("potrzebuję porady"). */
export function asksWithoutSaying(folded: string): boolean {
  return saysNothing(folded) && [...folded.matchAll(WORD)].some(([word]) => ASKING_WORD.test(word));
}
