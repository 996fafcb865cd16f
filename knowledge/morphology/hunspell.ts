/**
 * Just enough of Hunspell's affix format to list every form of a dictionary word: suffix rules
 * (SFX) with their strip, add and condition. Prefix rules are left out on purpose: in the Polish
 * dictionary the only one is the negating "nie-", and "niedostępny" must not meet "dostępny".
 * Used at build time only (knowledge/cli/buildLemmas.ts), never per request.
 */
interface SuffixRule {
  strip: string;
  add: string;
  condition: RegExp;
}

export interface Affixes {
  suffixes: Map<string, SuffixRule[]>;
}

export function parseAffixes(aff: string): Affixes {
  const suffixes = new Map<string, SuffixRule[]>();
  for (const line of aff.split('\n')) {
    // Rule lines have five fields ("SFX a e ych [^i]e"); the header has four ("SFX a Y 6").
    const [kind, flag, strip, add, condition] = line.trim().split(/\s+/);
    if (kind !== 'SFX' || flag === undefined || strip === undefined || add === undefined || condition === undefined) continue;
    const rules = suffixes.get(flag) ?? [];
    rules.push({
      strip: strip === '0' ? '' : strip,
      add: add === '0' ? '' : add.replace(/\/.*/, ''),
      condition: new RegExp(`${condition === '.' ? '' : condition}$`, 'u'),
    });
    suffixes.set(flag, rules);
  }
  return { suffixes };
}

/** One dictionary line ("kanał/NQsT") as the word and its single-letter flags. */
export function parseDictionaryLine(line: string): { word: string; flags: string } | null {
  const trimmed = line.trim();
  if (!trimmed || /^\d+$/.test(trimmed)) return null;
  const slash = trimmed.indexOf('/');
  return slash < 0 ? { word: trimmed, flags: '' } : { word: trimmed.slice(0, slash), flags: trimmed.slice(slash + 1) };
}

/** The word and every form its suffix flags make. */
export function formsOf(word: string, flags: string, affixes: Affixes): string[] {
  const forms = [word];
  for (const flag of flags) {
    for (const rule of affixes.suffixes.get(flag) ?? []) {
      if (!rule.condition.test(word) || !word.endsWith(rule.strip)) continue;
      forms.push(word.slice(0, word.length - rule.strip.length) + rule.add);
    }
  }
  return forms;
}
