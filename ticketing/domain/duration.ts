/** A span of working time for people, in hours ('45 h', '1 h 30 min'): days would read as 24 h. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const parts: string[] = [];
  if (minutes >= 60) parts.push(`${Math.floor(minutes / 60)} h`);
  if (minutes % 60) parts.push(`${minutes % 60} min`);
  return parts.join(' ') || '0 min';
}
