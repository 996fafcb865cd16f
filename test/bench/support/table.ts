/** One line of a benchmark's result table: the figure, and the floor it is measured against. */
export interface BenchRow {
  figure: string;
  value: number | string;
  unit: string;
  floor?: number | string;
  floorWhat?: string;
  /** What the figure's calls did (tickets returned, candidates examined): a growth check compares only equal work. */
  work?: string;
}

/** The rows as a console table: figure, value, floor and what the floor is. */
export function printTable(rows: BenchRow[]): void {
  console.table(
    rows.map((r) => ({
      figure: r.figure,
      value: `${r.value} ${r.unit}`.trim(),
      floor: r.floor === undefined ? '' : `${r.floor} ${r.unit}`.trim(),
      'floor is': r.floorWhat ?? '',
    })),
  );
}
