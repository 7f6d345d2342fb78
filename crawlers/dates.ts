/** Vietnam has used UTC+7 without daylight saving since 1975: local times convert by a fixed offset. */
export const VN_OFFSET_MS = 7 * 3600 * 1000;

/** A Date for a wall-clock time in Vietnam. */
export function vnDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date {
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - VN_OFFSET_MS);
}

/** The Vietnam calendar day (YYYY-MM-DD) of an instant. */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Parses dates as Vietnamese sites show them: ISO 8601, "Thứ hai, 23/11/2026, 07:15 (GMT+7)",
 * "23/11/2026 07:15", "07:15 23/11/2026", "Thứ Hai, 16:54, 29/12/2025", "2025-05-09 11:02",
 * "ngày 23 tháng 11 năm 2026". Times without a zone are Vietnam time.
 */
export function parseVietnameseDate(text: string | undefined | null): Date | undefined {
  if (!text) return undefined;
  const t = text.normalize('NFC').trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(t)) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(t);
    const d = new Date(hasZone ? t : `${t}+07:00`);
    return valid(d);
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?/.exec(t);
  if (m) return valid(vnDate(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0)));
  m = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(t);
  if (m) {
    const time = /(\d{1,2})[:h](\d{2})/.exec(t.replace(m[0], ' '));
    return valid(vnDate(+m[3]!, +m[2]!, +m[1]!, time ? +time[1]! : 0, time ? +time[2]! : 0));
  }
  m = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/i.exec(t);
  if (m) return valid(vnDate(+m[3]!, +m[2]!, +m[1]!));
  const d = new Date(t);
  return valid(d);
}

function valid(d: Date): Date | undefined {
  const y = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || y < 1990 || y > 2100 ? undefined : d;
}
