import { join } from 'path';
import { evaluatePrompts, readPromptSet } from '../../eval/promptAnswers';

// What people type instead of pressing a button or at a question for a name, an address or a
// number, written from the seed articles only (see test/fixtures/bot/README.md): each answer
// typed at its prompt of a real conversation. The floors are a little under what the tuning sets
// scored when they were set.
const tuningSets = [
  // 195 of 200 read as meant, 3 taken for another choice.
  { set: 'prompts-P1.jsonl', right: 190, wrong: 4 },
  // 120 of 120 read as meant.
  { set: 'prompts-P3.jsonl', right: 116, wrong: 2 },
  // 88 of 90 replies to "Did this help?" read as meant, none taken for something else.
  { set: 'prompts-P5.jsonl', right: 85, wrong: 2 },
];

it.each(tuningSets)(
  'reads the answers of $set at the verification and ticket prompts as they were meant',
  async ({ set, right, wrong }) => {
    const { counts } = await evaluatePrompts(readPromptSet(join(__dirname, '../../fixtures/bot', set)));
    const all = counts.get('all')!;
    expect(all.right).toBeGreaterThanOrEqual(right);
    expect(all.wrong).toBeLessThanOrEqual(wrong);
  },
  300_000,
);
