import { cyclesOf, importGraph, sourceFiles } from './importGraph';

/**
 * The architecture the folder layout promises, checked on the real import statements: a new
 * import that breaks it fails here with the file and the import named.
 */
const graph = importGraph(sourceFiles(['bot', 'ticketing', 'knowledge', 'common']));
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
const packageOf = (file: string) => file.split('/')[0]!;
const folderOf = (file: string) => file.split('/').slice(0, 2).join('/');
const describeEdge = ({ from, to }: { from: string; to: string }) => `${from} imports ${to}`;

/**
 * Ticketing's folders import one way, down this list: the pure domain at the bottom, the
 * adapters the service drives (Redis store, queues, SLA timers, notifiers, PIN verification), the
 * service, and the ways in (REST API, CLI, agent console, demo directory). A folder may import
 * folders of a lower rank only; `ticketing/index.ts` is the package's face and sits on top.
 */
const TICKETING_RANK: Record<string, number> = {
  'ticketing/domain': 0,
  'ticketing/store': 1,
  'ticketing/notify': 1,
  'ticketing/verification': 1,
  'ticketing/queues': 2,
  'ticketing/sla': 2,
  'ticketing/attachments': 2,
  'ticketing/delivery': 3,
  'ticketing/service': 3,
  'ticketing/http': 4,
  'ticketing/mail': 4,
  'ticketing/cli': 4,
  'ticketing/console': 5,
  'ticketing/demo': 5,
};

/** The modules of common/ that are pure functions (no I/O, no clock), which the domain may use. */
const PURE_COMMON = ['common/locale.ts', 'common/text.ts'];

describe('imports', () => {
  it('has no import cycles', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('keeps bot on top: ticketing and knowledge never import bot or each other, common imports none of them', () => {
    const allowed: Record<string, string[]> = {
      common: ['common'],
      knowledge: ['knowledge', 'common'],
      ticketing: ['ticketing', 'common'],
      bot: ['bot', 'ticketing', 'knowledge', 'common'],
    };
    const broken = edges.filter((e) => !allowed[packageOf(e.from)]!.includes(packageOf(e.to)));
    expect(broken.map(describeEdge)).toEqual([]);
  });

  it('has bot use ticketing and knowledge only through their faces (ticketing/index.ts, knowledge/index.ts)', () => {
    const faces = ['ticketing/index.ts', 'knowledge/index.ts'];
    const broken = edges.filter(
      (e) => packageOf(e.from) === 'bot' && ['ticketing', 'knowledge'].includes(packageOf(e.to)) && !faces.includes(e.to),
    );
    expect(broken.map(describeEdge)).toEqual([]);
  });

  it('has nothing inside ticketing or knowledge import its own face', () => {
    const broken = edges.filter((e) => ['ticketing/index.ts', 'knowledge/index.ts'].includes(e.to) && packageOf(e.from) !== 'bot');
    expect(broken.map(describeEdge)).toEqual([]);
  });

  it('keeps the ticketing domain pure: it imports only itself and common pure text helpers', () => {
    const broken = edges.filter(
      (e) => folderOf(e.from) === 'ticketing/domain' && folderOf(e.to) !== 'ticketing/domain' && !PURE_COMMON.includes(e.to),
    );
    expect(broken.map(describeEdge)).toEqual([]);
  });

  it('has ticketing folders import one way (ways in -> service -> adapters -> domain)', () => {
    const files = [...graph.keys()].filter((f) => packageOf(f) === 'ticketing' && f !== 'ticketing/index.ts');
    expect(files.filter((f) => TICKETING_RANK[folderOf(f)] === undefined)).toEqual([]); // a new folder needs its rank
    const broken = edges.filter((e) => {
      if (packageOf(e.from) !== 'ticketing' || packageOf(e.to) !== 'ticketing' || e.from === 'ticketing/index.ts') return false;
      const [from, to] = [folderOf(e.from), folderOf(e.to)];
      return from !== to && !(TICKETING_RANK[to]! < TICKETING_RANK[from]!);
    });
    expect(broken.map(describeEdge)).toEqual([]);
  });
});
