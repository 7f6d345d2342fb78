import {
  AlignmentType,
  BorderStyle,
  Header,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/**
 * Building blocks of an administrative document in the format of Decree 30/2020/NĐ-CP (Appendix I): A4, margins
 * 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman; the national motto and the agency in a
 * borderless two-column table; page numbers centred in the header from page 2.
 */
export const mm = (x: number) => Math.round((x * 1440) / 25.4);
/** Font size in points as docx's half-points. */
export const pt = (x: number) => x * 2;

export const FONT = 'Times New Roman';
export const BODY_PT = 14;
export const PAGE = {
  size: { width: mm(210), height: mm(297) },
  margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) },
};
/** The writing width between the margins, in twips. */
export const TEXT_WIDTH = PAGE.size.width - PAGE.margin.left - PAGE.margin.right;

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

export const run = (text: string, s: RunStyle = {}) =>
  new TextRun({ text, bold: s.bold, italics: s.italics, size: pt(s.size ?? BODY_PT), font: FONT });

/** A body paragraph: justified, first line indented 1.27 cm, 6 pt before, line spacing 1.15. */
export function para(
  children: (ParagraphChild | string)[],
  o: { indent?: boolean; align?: 'center' | 'left' } = {},
) {
  return new Paragraph({
    alignment:
      o.align === 'center'
        ? AlignmentType.CENTER
        : o.align === 'left'
          ? AlignmentType.LEFT
          : AlignmentType.JUSTIFIED,
    indent: o.indent === false ? undefined : { firstLine: mm(12.7) },
    spacing: { before: 120, after: 0, line: 276 },
    children: children.map((c) => (typeof c === 'string' ? run(c) : c)),
  });
}

/** A heading of the body ("I. TÌNH HÌNH CHUNG"): bold, indented like the body. */
export const heading = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(12.7) },
    spacing: { before: 240, after: 0, line: 276 },
    keepNext: true,
    children: [run(text, { bold: true })],
  });

export const centered = (text: string, s: RunStyle = {}, spacing = { before: 0, after: 0 }) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [run(text, s)] });

/** A short solid line under a header text, drawn as the bottom border of an indented empty paragraph. */
const rule = (widthTwips: number, cellTwips: number) => {
  const side = Math.max(0, Math.round((cellTwips - widthTwips) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
};

const cell = (width: number, children: Paragraph[]) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.TOP,
    margins: { left: 0, right: 0 },
    children,
  });

export interface Issuer {
  parent: string;
  agency: string;
  short: string;
  place: string;
}

/** The top of the first page: agency and number on the left, national motto and place and date on the right. */
export function documentHeader(issuer: Issuer, kind: string, issuedOn: string): Table {
  const left = mm(72);
  const right = TEXT_WIDTH - left;
  const [y, m, d] = issuedOn.split('-');
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          cell(left, [
            centered(issuer.parent, { size: 12 }),
            centered(issuer.agency, { size: 12, bold: true }),
            rule(mm(22), left),
          ]),
          cell(right, [
            centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
            centered('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true }),
            rule(mm(56), right),
          ]),
        ],
      }),
      new TableRow({
        children: [
          cell(left, [
            centered(`Số:        /${kind}-${issuer.short}`, { size: 13 }, { before: 160, after: 0 }),
          ]),
          cell(right, [
            centered(
              `${issuer.place}, ngày ${d} tháng ${m} năm ${y}`,
              { size: 14, italics: true },
              { before: 160, after: 0 },
            ),
          ]),
        ],
      }),
    ],
  });
}

/** "BÁO CÁO" and the subject, centred and bold, with a short line under them. */
export function documentTitle(kind: string, subject: string[]): Paragraph[] {
  return [
    centered(kind, { bold: true }, { before: 360, after: 0 }),
    ...subject.map((s) => centered(s, { bold: true })),
    rule(mm(40), TEXT_WIDTH),
  ];
}

/** "Kính gửi: …": one addressee on the line; several as a list aligned after "Kính gửi:". */
export function addressees(to: string[]): Paragraph[] {
  if (to.length <= 1) return [centered(`Kính gửi: ${to[0] ?? '…'}.`, {}, { before: 240, after: 120 })];
  const left = mm(22);
  const label = mm(24);
  return to.map(
    (t, i) =>
      new Paragraph({
        indent: { left: left + label, hanging: i === 0 ? label : 0 },
        tabStops: [{ type: TabStopType.LEFT, position: left + label }],
        spacing: { before: i === 0 ? 240 : 0, after: i === to.length - 1 ? 120 : 0 },
        children: [run(`${i === 0 ? 'Kính gửi:\t' : ''}- ${t}${i === to.length - 1 ? '.' : ';'}`)],
      }),
  );
}

export interface Signature {
  /** "KT. GIÁM ĐỐC" when a deputy signs for the head, else empty. */
  onBehalf?: string;
  title: string;
  name: string;
}

/** "Nơi nhận:" (ending "- Lưu: VT, …") on the left, the signer on the right, in a borderless table. */
export function closing(recipients: string[], keep: string, sig: Signature): Table {
  const left = mm(80);
  const right = TEXT_WIDTH - left;
  const small = (text: string) =>
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(text, { size: 11 })] });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          cell(left, [
            new Paragraph({
              spacing: { before: 240, after: 0 },
              children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })],
            }),
            ...recipients.map((r) => small(`- ${r};`)),
            small(`- Lưu: ${keep}.`),
          ]),
          cell(right, [
            ...(sig.onBehalf ? [centered(sig.onBehalf, { bold: true }, { before: 240, after: 0 })] : []),
            centered(sig.title.toUpperCase(), { bold: true }, { before: sig.onBehalf ? 0 : 240, after: 0 }),
            ...[1, 2, 3, 4].map(() => centered('')),
            centered(sig.name, { bold: true }),
          ]),
        ],
      }),
    ],
  });
}

/** Page number centred in the header, 13 pt, from page 2 (the first page has an empty header). */
export function pageNumberHeaders() {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}

/** A data table with a bold header row, 12 pt text and thin borders, filling the writing width. */
export function dataTable(
  header: string[],
  rows: string[][],
  widthsMm: number[],
  o: { alignRight?: number[] } = {},
): (Table | Paragraph)[] {
  const total = widthsMm.reduce((a, b) => a + b, 0);
  const widths = widthsMm.map((w) => Math.round((w / total) * TEXT_WIDTH));
  const mk = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 80, right: 80, top: 30, bottom: 30 },
      children: text.split('\n').map(
        (line) =>
          new Paragraph({
            alignment: head
              ? AlignmentType.CENTER
              : o.alignRight?.includes(i)
                ? AlignmentType.RIGHT
                : AlignmentType.LEFT,
            spacing: { before: 0, after: 0 },
            children: [run(line, { size: 12, bold: head })],
          }),
      ),
    });
  const spacer = () =>
    new Paragraph({ spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' }, children: [] });
  return [
    spacer(),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({ tableHeader: true, children: header.map((h, i) => mk(h, i, true)) }),
        ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => mk(c, i, false)) })),
      ],
    }),
    spacer(),
  ];
}
