/**
 * A span of working time for people, in hours ('45 h', '1 h 30 min', '20 s'): days would read
 * as 24 h. Seconds show when there are any, so a 20 s pause never reads as nothing.
 */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const parts: string[] = [];
  if (seconds >= 3600) parts.push(`${Math.floor(seconds / 3600)} h`);
  if (Math.floor(seconds / 60) % 60) parts.push(`${Math.floor(seconds / 60) % 60} min`);
  if (seconds % 60) parts.push(`${seconds % 60} s`);
  return parts.join(' ') || '0 s';
}
