import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '../../api/admin';
import { dayKind, monthGrid, toggleDay } from './calendarModel';

const calendar: CalendarYear = { year: 2026, timeZone: 'Asia/Shanghai', holidays: ['2026-10-01'], workdays: ['2026-09-27'], weekend: [0, 6] };

describe('working-day calendar', () => {
  it('tells holidays, adjusted working days, weekends and normal days apart', () => {
    expect(dayKind(calendar, '2026-10-01')).toBe('holiday');
    expect(dayKind(calendar, '2026-09-27')).toBe('workday'); // a Sunday worked (调休)
    expect(dayKind(calendar, '2026-10-03')).toBe('weekend');
    expect(dayKind(calendar, '2026-10-09')).toBe('normal');
  });

  it('toggles a weekday to a holiday and back', () => {
    const once = toggleDay(calendar, '2026-10-09');
    expect(once.holidays).toEqual(['2026-10-01', '2026-10-09']);
    expect(toggleDay(once, '2026-10-09').holidays).toEqual(['2026-10-01']);
  });

  it('toggles a weekend day to an adjusted working day and back', () => {
    const once = toggleDay(calendar, '2026-10-10');
    expect(once.workdays).toEqual(['2026-09-27', '2026-10-10']);
    expect(dayKind(toggleDay(once, '2026-10-10'), '2026-10-10')).toBe('weekend');
  });

  it('clears a holiday that falls on a weekend', () => {
    const odd = { ...calendar, holidays: ['2026-10-03'] };
    expect(toggleDay(odd, '2026-10-03').holidays).toEqual([]);
  });

  it('lays a month out in Monday-first weeks', () => {
    const weeks = monthGrid(2026, 9); // October 2026 starts on a Thursday
    expect(weeks[0]).toEqual([null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });
});
