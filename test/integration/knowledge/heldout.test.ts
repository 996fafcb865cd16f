import { join } from 'path';
import { evaluate, falseAcceptRate, hitRate, readEvalSet } from '../../../knowledge/eval/evaluate';
import { loadKnowledgeBase } from '../../../knowledge/knowledgeBase';

/**
 * Regression guard on our own held-out questions (typos, no diacritics, inflection, English,
 * colloquial, out of scope): the floors are below today's figures (see the closing report),
 * so only a real regression fails.
 */
it('answers most held-out questions right and few out-of-scope ones at all', () => {
  const kb = loadKnowledgeBase();
  const cases = readEvalSet(join(__dirname, '../../fixtures/knowledge/heldout.jsonl'));
  const { overall } = evaluate(cases, (q) => {
    const r = kb.answer(q);
    return r.answered ? r.answer : null;
  });
  expect(overall.inScope).toBeGreaterThanOrEqual(50);
  expect(overall.outOfScope).toBeGreaterThanOrEqual(10);
  expect(hitRate(overall)).toBeGreaterThanOrEqual(0.75);
  expect(falseAcceptRate(overall)).toBeLessThanOrEqual(0.2);
});
