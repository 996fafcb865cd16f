import { join } from 'path';
import { evaluateSequences, readSequenceSet } from '../../eval/sequences';

// What people type after "Czy jesteś administratorem?" (more of their problem, a yes, a no, doubt),
// written from the seed articles only (see test/fixtures/bot/README.md), each sent after its first
// message, a problem or a request for help, in a real conversation. A description typed past the
// question must not be taken for an answer (before the question read only answers, 13 and 14 were
// taken for a no), and a problem stated must lead to the question, not to a menu the bot offers
// when it is unsure what is meant (19 and 18 before problems were read as such). A description
// typed past the question is offered, with the first message, as the request's description once
// the administrator is verified (none was before).
const sets = [
  // The tuning set: 82 of 120 read as meant, 0 descriptions misread, 5 menus, 31 of 31 descriptions kept.
  { set: 'sequences-S1.jsonl', meant: 80, misread: 1, unsure: 6, kept: 30 },
  // The report set, never read: 81 read as meant, 4 descriptions taken for a yes or a no, 8 menus, 30 of 32 kept.
  { set: 'sequences-S2.jsonl', meant: 79, misread: 5, unsure: 9, kept: 29 },
  // The report set of keeping descriptions, never read: 95 read as meant, 4 descriptions misread, 6 menus, 44 of 46 kept.
  { set: 'sequences-S3.jsonl', meant: 93, misread: 5, unsure: 7, kept: 42 },
  // Written before the words that name nothing were read (a REPORT set of that change, unchanged by it): 76, 1, 1, 32 of 35.
  // Read for the next change (a problem after a hello): 77, 1, 2, 33 of 36.
  { set: 'sequences-S4.jsonl', meant: 75, misread: 3, unsure: 4, kept: 31 },
  // The report set of a problem after a hello, never read: 87 before and after, 1 description misread, 2 -> 1 menus, 43 of 45 kept.
  { set: 'sequences-S5.jsonl', meant: 85, misread: 3, unsure: 3, kept: 41 },
];

it.each(sets)(
  'asks a problem stated in $set whether they are an administrator, keeps the question open for a description typed past it, and keeps the description',
  async ({ set, meant, misread, unsure, kept }) => {
    const { counts, detailsKept } = await evaluateSequences(readSequenceSet(join(__dirname, '../../fixtures/bot', set)));
    const all = counts.get('all')!;
    expect(all['read as meant']).toBeGreaterThanOrEqual(meant);
    const descriptionsTaken = (all['detail read as no'] ?? 0) + (all['detail read as yes'] ?? 0);
    expect(descriptionsTaken).toBeLessThanOrEqual(misread);
    expect(all['not asked: unsure what is meant'] ?? 0).toBeLessThanOrEqual(unsure);
    expect(detailsKept.get('all')!.kept).toBeGreaterThanOrEqual(kept);
  },
  300_000,
);
