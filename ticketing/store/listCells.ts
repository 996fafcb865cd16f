import { CATEGORIES, GRADES, TICKET_STATUSES, type Category, type Grade, type TicketStatus } from '../domain/types';
import type { IndexEntries } from './indexEntries';

/**
 * The cells partitioning the tickets: one per (status, grade, category, breached), 90 in all,
 * kept by the save script over the whole store and per organisation (keys.cell, keys.orgCell).
 * A list filtered on several fields merges the newest entries of the cells it covers, so a page
 * costs the page times the number of cells (at most 45), never the store; counts are ZCARDs.
 */
export interface CellFilter {
  status?: TicketStatus;
  grade?: Grade;
  category?: Category;
  breached?: boolean;
}

/** The cell name of a ticket; the save script builds the same string from the index entries. */
export function cellOf(e: Pick<IndexEntries, 'status' | 'grade' | 'category' | 'breached'>): string {
  return `${e.status}:${e.grade}:${e.category}:${e.breached ? 1 : 0}`;
}

/** Every cell whose tickets match the filter. */
export function cellsMatching(filter: CellFilter): string[] {
  const cells: string[] = [];
  for (const status of filter.status ? [filter.status] : TICKET_STATUSES)
    for (const grade of filter.grade ? [filter.grade] : GRADES)
      for (const category of filter.category ? [filter.category] : CATEGORIES)
        for (const breached of filter.breached === undefined ? [false, true] : [filter.breached])
          cells.push(cellOf({ status, grade, category, breached }));
  return cells;
}

/**
 * Ids from several index pages (ZREVRANGE ... WITHSCORES, flat) in the order one index holding
 * them all would give: score descending, then member descending, as ZREVRANGE orders ties.
 */
export function mergeNewestFirst(pages: string[][]): string[] {
  const entries: { id: string; score: number }[] = [];
  for (const flat of pages) for (let i = 0; i < flat.length; i += 2) entries.push({ id: flat[i]!, score: Number(flat[i + 1]) });
  entries.sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return entries.map((e) => e.id);
}
