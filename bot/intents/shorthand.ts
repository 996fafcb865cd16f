/**
 * Chat shorthand and apostrophe-less contractions written out, on folded words: "wat can you do",
 * "pls", "cant log in" mean what "what can you do", "please", "can't log in" do. The training
 * phrasings are mostly written in full; without this the spelling step turns "wat" or "dont" into
 * whatever training word is nearest, or drops them. Not "u": in Polish it is a word of its own
 * ("u nas nie działa").
 */
const WRITTEN_OUT: Readonly<Record<string, readonly string[]>> = {
  ya: ['you'],
  ur: ['your'],
  r: ['are'],
  wat: ['what'],
  wot: ['what'],
  wut: ['what'],
  whats: ['what', 's'],
  hows: ['how', 's'],
  wheres: ['where', 's'],
  pls: ['please'],
  plz: ['please'],
  plox: ['please'],
  thx: ['thanks'],
  thnx: ['thanks'],
  tnx: ['thanks'],
  im: ['i', 'm'],
  ive: ['i', 've'],
  cant: ['can', 't'],
  dont: ['don', 't'],
  doesnt: ['doesn', 't'],
  didnt: ['didn', 't'],
  isnt: ['isn', 't'],
  wont: ['won', 't'],
  havent: ['haven', 't'],
  hasnt: ['hasn', 't'],
  arent: ['aren', 't'],
  wasnt: ['wasn', 't'],
  couldnt: ['couldn', 't'],
  gonna: ['going', 'to'],
  wanna: ['want', 'to'],
  gotta: ['have', 'to'],
  ppl: ['people'],
  msg: ['message'],
  abt: ['about'],
  cuz: ['because'],
  coz: ['because'],
  bc: ['because'],
  sth: ['something'],
  smth: ['something'],
  tix: ['tickets'],
};

/** The words with each shorthand written out. */
export function writtenOut(words: readonly string[]): string[] {
  return words.flatMap((w) => WRITTEN_OUT[w] ?? [w]);
}
