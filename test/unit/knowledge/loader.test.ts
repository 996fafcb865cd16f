import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { KnowledgeBaseError, loadArticles } from '../../../knowledge/loader';

const GOOD = `source: seed.txt
entries:
  - id: first
    title: Pierwsze pytanie?
    alternates: [pierwsze]
    answer: Pierwsza odpowiedź.
    tags: [t]
`;

describe('loadArticles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): void => writeFileSync(join(dir, name), text);
  const failure = (): KnowledgeBaseError => {
    try {
      loadArticles(dir);
    } catch (err) {
      if (err instanceof KnowledgeBaseError) return err;
      throw err;
    }
    throw new Error('expected the knowledge base to be rejected');
  };

  it('loads the product articles: every entry has a title, an answer and a source', () => {
    const entries = loadArticles();
    expect(entries.length).toBeGreaterThanOrEqual(40);
    for (const e of entries) {
      expect(e.title.trim()).not.toBe('');
      expect(e.answer.trim()).not.toBe('');
      expect(e.source).not.toBe('');
    }
  });

  it('loads a valid file with the file-level source applied to its entries', () => {
    write('a.yaml', GOOD);
    expect(loadArticles(dir)).toEqual([
      {
        id: 'first',
        title: 'Pierwsze pytanie?',
        alternates: ['pierwsze'],
        answer: 'Pierwsza odpowiedź.',
        tags: ['t'],
        source: 'seed.txt',
        file: 'a.yaml',
      },
    ]);
  });

  it('keeps the groups an entry excludes, and rejects an empty list of them', () => {
    write('a.yaml', `${GOOD}    excludes: [Education, dla firm]\n`);
    expect(loadArticles(dir)[0]?.excludes).toEqual(['Education', 'dla firm']);
    write('a.yaml', `${GOOD}    excludes: []\n`);
    expect(failure().message).toMatch(/first.*excludes/);
  });

  it('rejects an id used twice across files, naming both files and the id', () => {
    write('a.yaml', GOOD);
    write('b.yaml', GOOD);
    const err = failure();
    expect(err.message).toBe('b.yaml (entry "first"): duplicate id, already used in a.yaml');
  });

  it('rejects an empty answer, naming the file, the entry and the field', () => {
    write('a.yaml', GOOD.replace('answer: Pierwsza odpowiedź.', 'answer: "  "'));
    expect(failure().message).toMatch(/^a\.yaml \(entry "first"\): answer: must not be empty/);
  });

  it('rejects a missing title', () => {
    write('a.yaml', GOOD.replace('    title: Pierwsze pytanie?\n', ''));
    expect(failure().message).toMatch(/^a\.yaml \(entry "first"\): title: /);
  });

  it('rejects bad YAML with the file name', () => {
    write('a.yaml', 'entries:\n  - id: x\n    title: [unclosed\n');
    expect(failure().message).toMatch(/^a\.yaml: not valid YAML/);
  });

  it('rejects unknown fields (a typo such as "anwser" is not silently ignored)', () => {
    write('a.yaml', GOOD.replace('answer:', 'anwser:'));
    expect(failure().message).toMatch(/a\.yaml \(entry "first"\).*anwser/);
  });

  it('rejects an entry without any source', () => {
    write('a.yaml', GOOD.replace('source: seed.txt\n', ''));
    expect(failure().message).toBe('a.yaml (entry "first"): source: missing (set it on the entry or the file)');
  });

  it('rejects a directory without articles', () => {
    expect(failure().message).toMatch(/no \.yaml articles files found/);
  });
});
