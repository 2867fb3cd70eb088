import { describe, expect, it } from 'vitest';
import { clearPin, readPin, sampleInput, tasksToAutoSubmit, writePin, type KeyValueStore } from './pins';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('pinned answers', () => {
  it('are kept per definition and activity', () => {
    const store = memory();
    writePin(store, 'grid-event', 'report', { outcome: 'submit', values: { scale: 'small' } }, new Date('2026-11-22T00:00:00Z'));
    expect(readPin(store, 'grid-event', 'report')).toEqual({ outcome: 'submit', values: { scale: 'small' }, pinnedAt: '2026-11-22T00:00:00.000Z' });
    expect(readPin(store, 'grid-event', 'other')).toBeNull();
    expect(readPin(store, 'consultation', 'report')).toBeNull();
    clearPin(store, 'grid-event', 'report');
    expect(readPin(store, 'grid-event', 'report')).toBeNull();
  });
  it('ignores broken entries', () => {
    const store = memory();
    store.setItem('flowgov.testrun.pin:k:a', '{not json');
    expect(readPin(store, 'k', 'a')).toBeNull();
    store.setItem('flowgov.testrun.pin:k:a', '{"values":{}}');
    expect(readPin(store, 'k', 'a')).toBeNull();
  });
  it('answer each pinned open task once', () => {
    const store = memory();
    writePin(store, 'k', 'a', { outcome: 'approve', values: {} }, new Date(0));
    const open = [{ id: 't1', activityId: 'a' }, { id: 't2', activityId: 'b' }];
    expect(tasksToAutoSubmit(store, 'k', open, new Set()).map((e) => e.task.id)).toEqual(['t1']);
    expect(tasksToAutoSubmit(store, 'k', open, new Set(['t1']))).toEqual([]);
  });
  it('sample input comes from the variables', () => {
    expect(sampleInput([{ name: 'round', type: 'number', default: 0 }, { name: 'communityId', type: 'string' }, { name: 'list', type: 'array' }]))
      .toEqual({ round: 0, communityId: '', list: [] });
  });
});
