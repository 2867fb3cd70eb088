// The working-day calendar as the admin edits it: what a day is, and what a click makes of it.
import dayjs from 'dayjs';
import type { CalendarYear } from '../../api/admin';

/** holiday: a public holiday on a weekday; workday: a weekend day worked instead (调休); weekend / normal otherwise. */
export type DayKind = 'holiday' | 'workday' | 'weekend' | 'normal';

export function dayKind(calendar: CalendarYear, date: string): DayKind {
  if (calendar.holidays.includes(date)) return 'holiday';
  if (calendar.workdays.includes(date)) return 'workday';
  return calendar.weekend.includes(dayjs(date).day()) ? 'weekend' : 'normal';
}

/**
 * One click: a weekday becomes a holiday and back; a weekend day becomes an adjusted working
 * day (调休) and back. A day marked against its nature (a holiday on a weekend) is cleared.
 */
export function toggleDay(calendar: CalendarYear, date: string): CalendarYear {
  const without = (list: string[]) => list.filter((d) => d !== date);
  const kind = dayKind(calendar, date);
  const base = { ...calendar, holidays: without(calendar.holidays), workdays: without(calendar.workdays) };
  if (kind === 'normal') return { ...base, holidays: [...base.holidays, date].sort() };
  if (kind === 'weekend') return { ...base, workdays: [...base.workdays, date].sort() };
  return base;
}

/** A month as weeks of seven cells starting Monday (China's week); null pads the edges. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = dayjs(new Date(year, month, 1));
  const lead = (first.day() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 0; d < first.daysInMonth(); d++) cells.push(first.add(d, 'day').format('YYYY-MM-DD'));
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
