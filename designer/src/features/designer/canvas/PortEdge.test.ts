import { describe, expect, it } from 'vitest';
import { labelShifts } from './PortEdge';

describe('labelShifts', () => {
  it('spreads the labels of branches that join the same two activities around the middle', () => {
    const shifts = labelShifts([
      { id: 'yes', source: 'decide', target: 'handle', labelled: true },
      { id: 'no', source: 'decide', target: 'handle', labelled: true },
      { id: 'other', source: 'decide', target: 'end', labelled: true },
      { id: 'plain', source: 'start', target: 'decide', labelled: false },
    ]);
    expect(shifts.get('yes')).toBe(-9);
    expect(shifts.get('no')).toBe(9);
    expect(shifts.get('other')).toBe(0);
    expect(shifts.has('plain')).toBe(false);
  });

  it('keeps three labels on one pair 18 px apart', () => {
    const shifts = labelShifts(['a', 'b', 'c'].map((id) => ({ id, source: 's', target: 't', labelled: true })));
    expect([shifts.get('a'), shifts.get('b'), shifts.get('c')]).toEqual([-18, 0, 18]);
  });
});
