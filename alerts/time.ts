const HOUR = 3600_000;

/** Vietnam wall-clock time "HH:mm dd/MM/yyyy". */
export function vnTime(d: Date): string {
  const l = new Date(d.getTime() + 7 * HOUR);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(l.getUTCHours())}:${p(l.getUTCMinutes())} ${p(l.getUTCDate())}/${p(l.getUTCMonth() + 1)}/${l.getUTCFullYear()}`;
}

/** "còn 5 giờ 30 phút" / "quá 2 giờ" between now and a due time, in Vietnamese. */
export function vnRemaining(due: Date, now: Date): string {
  const ms = due.getTime() - now.getTime();
  const mins = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  const span = h > 0 ? `${h} giờ${m > 0 ? ` ${m} phút` : ''}` : `${m} phút`;
  return ms >= 0 ? `còn ${span}` : `quá hạn ${span}`;
}
