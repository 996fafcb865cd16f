/** A working-time span for people: '1 h', '15 h', '1 d 21 h', '2 h 30 min'. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const parts: string[] = [];
  if (minutes >= 1440) parts.push(`${Math.floor(minutes / 1440)} d`);
  if (minutes % 1440 >= 60) parts.push(`${Math.floor((minutes % 1440) / 60)} h`);
  if (minutes % 60) parts.push(`${minutes % 60} min`);
  return parts.join(' ') || '0 min';
}
