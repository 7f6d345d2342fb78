import { VN_OFFSET_MS, vnDate } from './dates.ts';

/**
 * Relative times as Vietnamese social pages show them: "Vừa xong", "5 phút", "2 giờ trước", "3 ngày",
 * "Hôm qua lúc 14:30", "12 tháng 11", "12 tháng 11 lúc 08:00", "12 tháng 11, 2025". Times are Vietnam time.
 */
export function parseRelativeTime(text: string, now: Date): Date | undefined {
  const t = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^(vừa xong|just now|bây giờ)/.test(t)) return now;
  const ago = /^(\d+)\s*(giây|phút|p|giờ|h|tiếng|ngày|d|tuần)(?!\p{L})/u.exec(t);
  if (ago) {
    const unit: Record<string, number> = {
      giây: 1,
      phút: 60,
      p: 60,
      giờ: 3600,
      h: 3600,
      tiếng: 3600,
      ngày: 86400,
      d: 86400,
      tuần: 604800,
    };
    return new Date(now.getTime() - Number(ago[1]) * unit[ago[2]!]! * 1000);
  }
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const [y, mo, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  const clock = /lúc (\d{1,2}):(\d{2})/.exec(t);
  const [h, mi] = clock ? [Number(clock[1]), Number(clock[2])] : [0, 0];
  if (t.startsWith('hôm qua')) return new Date(vnDate(y, mo, d, h, mi).getTime() - 86400_000);
  if (t.startsWith('hôm nay')) return vnDate(y, mo, d, h, mi);
  const dm = /^(\d{1,2}) tháng (\d{1,2})(?:,? (\d{4}))?/.exec(t);
  if (dm) {
    const year = dm[3] ? Number(dm[3]) : y;
    const at = vnDate(year, Number(dm[2]), Number(dm[1]), h, mi);
    // "12 tháng 12" read in January means last December.
    return !dm[3] && at.getTime() > now.getTime() + 86400_000
      ? vnDate(year - 1, Number(dm[2]), Number(dm[1]), h, mi)
      : at;
  }
  return undefined;
}

/** Engagement counts as shown: "1,2K" → 1200, "3,4 Tr" → 3400000, "1.234" → 1234, "15 lượt chia sẻ" → 15. */
export function parseCount(text: string | undefined | null): number | undefined {
  if (!text) return undefined;
  const m = /(\d+(?:[.,]\d+)*)\s*(k|n|nghìn|ngàn|tr|triệu|m)?/i.exec(text.normalize('NFC').trim());
  if (!m) return undefined;
  const suffix = m[2]?.toLowerCase();
  let num = m[1]!;
  if (suffix) num = num.replace(',', '.');
  else num = num.replace(/[.,](?=\d{3}\b)/g, '').replace(',', '.');
  const value = Number(num);
  if (Number.isNaN(value)) return undefined;
  const scale = !suffix ? 1 : /^(k|n|nghìn|ngàn)$/.test(suffix) ? 1e3 : 1e6;
  return Math.round(value * scale);
}

/** Reads comment, share and reaction counts out of a post's engagement bar text. */
export function parseEngagement(bar: string, reactionsLabel?: string): Record<string, number> {
  const out: Record<string, number> = {};
  const grab = (re: RegExp) => {
    const m = re.exec(bar.normalize('NFC'));
    return m ? parseCount(m[1]) : undefined;
  };
  const comments = grab(/([\d.,]+\s*(?:k|n|tr)?)\s*bình luận/i);
  const shares = grab(/([\d.,]+\s*(?:k|n|tr)?)\s*(?:lượt chia sẻ|chia sẻ)/i);
  const reactions = parseCount(reactionsLabel?.replace(/^[^\d]*/, ''));
  if (reactions !== undefined) out.reactions = reactions;
  if (comments !== undefined) out.comments = comments;
  if (shares !== undefined) out.shares = shares;
  return out;
}
