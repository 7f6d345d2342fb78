import { z } from 'zod';
import type { ProvinceConfig } from '../config/index.ts';

/**
 * Whose report: the Department's (the whole province), or one unit in it (a commune or ward office, or a former
 * district's area), identified by the place name the classifier records for mentions naming it. A unit's figures
 * are exactly the province's mentions that name the unit, so the province's report is the roll-up of its units'
 * reports: its table of units lists the figures each unit's own report gives.
 */
export type ReportScope =
  | { kind: 'province' }
  | { kind: 'unit'; place: string; agency: string; short: string };

export const UnitInput = z.object({
  unit: z.string().trim().min(2, 'tên đơn vị/địa bàn quá ngắn').max(80).optional(),
  agency: z.string().trim().min(3).max(120).optional(),
});

/** The scope of a report from the command line: no unit means the province. */
export function reportScope(raw: z.input<typeof UnitInput>): ReportScope {
  const { unit, agency } = UnitInput.parse(raw);
  if (!unit) return { kind: 'province' };
  return { kind: 'unit', place: unit, agency: agency ?? `Ủy ban nhân dân ${unit}`, short: 'UBND' };
}

/** Header lines of the issuing agency (Decree 30/2020: the governing body above, the agency in bold). */
export function issuer(config: ProvinceConfig, scope: ReportScope) {
  const p = config.province;
  if (scope.kind === 'unit')
    return {
      parent: p.parentAgency.toUpperCase(),
      agency: scope.agency.toUpperCase(),
      short: scope.short,
      place: p.place,
      name: scope.agency,
    };
  const agency = p.agency.replace(new RegExp(`\\s+tỉnh\\s+${p.name}$`, 'iu'), '');
  return {
    parent: p.parentAgency.toUpperCase(),
    agency: agency.toUpperCase(),
    short: p.agencyShort,
    place: p.place,
    name: p.agency,
  };
}
