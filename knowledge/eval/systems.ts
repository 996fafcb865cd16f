import type { KnowledgeBase } from '../knowledgeBase';
import type { Locale } from '../../common/locale';
import type { KbEntry } from '../types';
import type { Retriever } from './baselines';
import type { System, Texts } from './evaluate';

/** The text a chat in this locale shows for an entry, then the entry's other text (see Outcome). */
const textsOf = (e: KbEntry, locale: Locale): Texts =>
  locale === 'en' && e.answerEn ? [e.answerEn, e.answer] : e.answerEn ? [e.answer, e.answerEn] : [e.answer];

/** The knowledge base as the chat uses it: its answer, its top-ranked entry, and what it offers (the answer with its related entries, or suggestions). */
export function knowledgeBaseSystem(kb: KnowledgeBase): System {
  return (q, locale) => {
    const r = kb.answer(q, locale);
    const first = kb.rank(q, locale)[0];
    const suggested = [...r.suggestions, ...r.related].map((s) => kb.entry(s.articleId)).filter((e): e is KbEntry => e !== undefined);
    const answered = r.answered && r.source ? [r.answer, ...textsOf(kb.entry(r.source.articleId)!, locale).slice(1)] : null;
    return {
      answered,
      first: first ? textsOf(first, locale) : null,
      offered: [...(answered ? [answered] : []), ...suggested.map((e) => textsOf(e, locale))],
    };
  };
}

/** A baseline has no abstain rule: its top entry is its answer. */
export function retrieverSystem(r: Retriever): System {
  return (q, locale) => {
    const top = r(q);
    const texts = top ? textsOf(top, locale) : null;
    return { answered: texts, first: texts, offered: texts ? [texts] : [] };
  };
}
