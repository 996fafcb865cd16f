import { join } from 'path';
import { evaluateSequences, readSequenceSet } from '../../eval/sequences';

// What people type after "Czy jesteś administratorem?" (more of their problem, a yes, a no, doubt),
// written from the seed articles only (see test/fixtures/bot/README.md), each sent after its first
// message in a real conversation. A description typed past the question must not be taken for an
// answer: before the question read only answers, 13 and 14 of them were taken for a no.
const sets = [
  // The tuning set: 65 of the 65 second messages that met the question read as meant.
  { set: 'sequences-S1.jsonl', meant: 63, misread: 2 },
  // The report set, never read: 65 of 72 read as meant, 4 descriptions taken for a yes or a no.
  { set: 'sequences-S2.jsonl', meant: 63, misread: 5 },
];

it.each(sets)(
  'keeps "are you an administrator?" open for a description typed past it, and reads the answers of $set',
  async ({ set, meant, misread }) => {
    const { counts } = await evaluateSequences(readSequenceSet(join(__dirname, '../../fixtures/bot', set)));
    const all = counts.get('all')!;
    expect(all['read as meant']).toBeGreaterThanOrEqual(meant);
    const descriptionsTaken = (all['detail read as no'] ?? 0) + (all['detail read as yes'] ?? 0);
    expect(descriptionsTaken).toBeLessThanOrEqual(misread);
  },
  300_000,
);
