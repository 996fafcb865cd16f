import Holidays from 'date-holidays';
import { DomainError } from '../domain/types';

/**
 * The public holidays of a country (or a region: 'DE-BY') in some years, as local 'YYYY-MM-DD'
 * dates, from date-holidays' bundled data (no network). Only days off for everyone ('public')
 * count; bank, school and observance days do not.
 */
export function publicHolidays(code: string, years: readonly number[], field: string): string[] {
  const [country = '', region] = code.split('-');
  const known = new Holidays();
  if (!known.getCountries()[country])
    throw new DomainError('invalid_sla_policy', `${field}: "${country}" is not a country date-holidays knows (ISO 3166 code such as PL)`);
  if (region && !known.getStates(country)?.[region])
    throw new DomainError('invalid_sla_policy', `${field}: "${code}" names no region of ${country} that date-holidays knows`);
  const holidays = region ? new Holidays(country, region) : new Holidays(country);
  const dates = new Set<string>();
  for (const year of years) {
    for (const holiday of holidays.getHolidays(year)) {
      if (holiday.type === 'public') dates.add(holiday.date.slice(0, 10));
    }
  }
  return [...dates].sort();
}
