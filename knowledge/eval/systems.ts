import type { KnowledgeBase } from '../knowledgeBase';
import type { Locale } from '../../common/locale';
import type { KbEntry } from '../types';
import type { Retriever } from './baselines';
import type { System } from './evaluate';

/** The text a chat in this locale shows for an entry. */
const textOf = (e: KbEntry, locale: Locale): string => (locale === 'en' && e.answerEn ? e.answerEn : e.answer);

/** The knowledge base as the chat uses it: its answer, its top-ranked entry and its suggestions. */
export function knowledgeBaseSystem(kb: KnowledgeBase): System {
  return (q, locale) => {
    const r = kb.answer(q, locale);
    const first = kb.rank(q)[0];
    const suggested = r.suggestions.map((s) => kb.entry(s.articleId)).filter((e): e is KbEntry => e !== undefined);
    return {
      answered: r.answered ? r.answer : null,
      first: first ? textOf(first, locale) : null,
      offered: [...(r.answered ? [r.answer] : []), ...suggested.map((e) => textOf(e, locale))],
    };
  };
}

/** A baseline has no abstain rule: its top entry is its answer. */
export function retrieverSystem(r: Retriever): System {
  return (q, locale) => {
    const top = r(q);
    const text = top ? textOf(top, locale) : null;
    return { answered: text, first: text, offered: text ? [text] : [] };
  };
}
