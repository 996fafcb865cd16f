/**
 * The edition a customer says they have ("mam Office 365 Personal", "wnuczka kupiła mi Office
 * Home", "my dad has Office 365 Home") tells their situation, not what they ask: read as words
 * asked, the edition's name ranks first the entry listing which editions carry the Skype minutes
 * ("Które wersje Office 365 dają minuty?") over the one answering the question ("nie mam konta
 * Skype", "numery 0-800"). Only the home editions: a business or education plan a customer has
 * is a premise some entries contradict (see Exclusions), which must stay read.
 */
const OWNED_EDITION = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:mam|masz|ma|mamy|macie|mają|maja|posiadam|posiada|posiadamy|kupi[łl]\p{L}*|wykupi[łl]\p{L}*|have|has|got|bought)(?: mi| nam| me| us)?\s+(?:Office|Microsoft)(?:\s+365)?)\s+(?:Personal|Home|Family|dla\s+U[żz]ytkownik[óo]w\s+Domowych)(?![\p{L}\p{N}])`,
  'giu',
);

/** The message with the name of the home edition it says the customer has left out ("mam Office 365"). */
export function withoutOwnedEdition(message: string): string {
  return message.replace(OWNED_EDITION, '$1');
}
