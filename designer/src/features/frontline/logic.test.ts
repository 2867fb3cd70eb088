import { describe, expect, it } from 'vitest';
import { businessKeyFor, byDue, dueStatus, fieldErrorsOf, categoryName, categoryTree, isAttachmentHash, journalData, startInputFor, unitEntries, attemptFor } from './logic';
import type { OrgUnit } from '../../api/orgUnits';

const now = new Date('2026-11-22T08:00:00Z');

describe('dueStatus', () => {
  it('is overdue past the due time even before the server marks it', () => {
    expect(dueStatus({ dueAt: '2026-11-22T07:00:00Z', warnAt: null, deadlineState: 'ontime' }, now)).toBe('overdue');
  });
  it('is warned from the warning time', () => {
    expect(dueStatus({ dueAt: '2026-11-23T08:00:00Z', warnAt: '2026-11-22T07:59:00Z', deadlineState: 'ontime' }, now)).toBe('warned');
  });
  it('trusts the server state', () => {
    expect(dueStatus({ dueAt: '2026-11-30T08:00:00Z', warnAt: null, deadlineState: 'overdue' }, now)).toBe('overdue');
  });
  it('is on time before warning and none without a deadline', () => {
    expect(dueStatus({ dueAt: '2026-11-30T08:00:00Z', warnAt: '2026-11-29T08:00:00Z', deadlineState: 'ontime' }, now)).toBe('onTime');
    expect(dueStatus({ dueAt: null, warnAt: null, deadlineState: 'ontime' }, now)).toBe('none');
  });
});

describe('byDue', () => {
  it('sorts earliest due first and undated last', () => {
    const tasks = [
      { id: 'c', dueAt: null, createdAt: '2026-11-01T00:00:00Z' },
      { id: 'b', dueAt: '2026-11-25T00:00:00Z', createdAt: '2026-11-02T00:00:00Z' },
      { id: 'a', dueAt: '2026-11-24T00:00:00Z', createdAt: '2026-11-03T00:00:00Z' },
      { id: 'd', dueAt: null, createdAt: '2026-11-02T00:00:00Z' },
    ];
    expect([...tasks].sort(byDue).map((t) => t.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('event categories', () => {
  const nodes = [{ code: 'city', name: '城市管理', children: [{ code: 'city.roads', name: '道路设施', children: [{ code: 'city.roads.cover', name: '井盖', children: [{ code: 'city.roads.cover.missing', name: '井盖缺失破损' }] }] }] }];

  it('offers duty, category and sub-category, not items', () => {
    expect(categoryTree(nodes)).toEqual([{ value: 'city', title: '城市管理', children: [{ value: 'city.roads', title: '道路设施', children: [{ value: 'city.roads.cover', title: '井盖' }] }] }]);
    expect(categoryTree(nodes, 1)).toEqual([{ value: 'city', title: '城市管理' }]);
  });

  it('names a code at any level, or gives the code back', () => {
    expect(categoryName(nodes, 'city.roads')).toBe('道路设施');
    expect(categoryName(nodes, 'city.roads.cover.missing')).toBe('井盖缺失破损');
    expect(categoryName(nodes, 'zz.unknown')).toBe('zz.unknown');
  });
});

describe('startInputFor', () => {
  const units: OrgUnit[] = [
    { id: 'tongcheng', parentId: null, kind: 'District', name: '桐城市' },
    { id: 'tc-wc', parentId: 'tongcheng', kind: 'Street', name: '文昌街道' },
    { id: 'tc-wc-lcx', parentId: 'tc-wc', kind: 'Community', name: '六尺巷社区' },
    { id: 'tc-wc-lcx-g01', parentId: 'tc-wc-lcx', kind: 'Grid', name: '网格01' },
  ];
  it('walks up from a grid worker’s grid', () => {
    expect(startInputFor('tc-wc-lcx-g01', units)).toEqual({ gridId: 'tc-wc-lcx-g01', communityId: 'tc-wc-lcx', streetId: 'tc-wc' });
  });
  it('gives only what is above a community', () => {
    expect(startInputFor('tc-wc-lcx', units)).toEqual({ communityId: 'tc-wc-lcx', streetId: 'tc-wc' });
  });
  it('is empty for an unknown unit and survives a cycle', () => {
    expect(startInputFor('nowhere', units)).toEqual({});
    expect(startInputFor('x', [{ id: 'x', parentId: 'y', kind: 'grid', name: '' }, { id: 'y', parentId: 'x', kind: 'community', name: '' }])).toEqual({ gridId: 'x', communityId: 'y' });
  });
});

describe('businessKeyFor', () => {
  it('names the process and the moment', () => {
    expect(businessKeyFor('grid-event', new Date(2026, 10, 22, 9, 5, 7), () => 0.5)).toMatch(/^grid-event-20261122-090507-[0-9a-z]{3}$/);
  });
});

describe('fieldErrorsOf', () => {
  it('reads the validation dictionary the submit endpoint answers', () => {
    expect(fieldErrorsOf({ status: 422, errors: { photos: ['请上传现场照片'], $: ['表单无效'] } })).toEqual([
      { path: 'photos', key: 'server', message: '请上传现场照片', messageEn: '请上传现场照片' },
      { path: '', key: 'server', message: '表单无效', messageEn: '表单无效' },
    ]);
  });
  it('reads a list of problems and a single named field', () => {
    expect(fieldErrorsOf({ errors: [{ field: 'description', message: '太短' }] })[0].path).toBe('description');
    expect(fieldErrorsOf({ field: 'outcome', detail: 'outcome must be one of' })[0].path).toBe('outcome');
    expect(fieldErrorsOf(undefined)).toEqual([]);
  });
});

describe('attachments and journal data', () => {
  it('recognises sha-256 attachment ids', () => {
    expect(isAttachmentHash('a'.repeat(64))).toBe(true);
    expect(isAttachmentHash('A'.repeat(64))).toBe(false);
    expect(isAttachmentHash('abc')).toBe(false);
  });
  it('parses JSON data and keeps plain text', () => {
    expect(journalData({ data: '{"outcome":"done"}' })).toEqual({ outcome: 'done' });
    expect(journalData({ data: 'plain' })).toEqual({ value: 'plain' });
    expect(journalData({ data: null })).toBeNull();
  });
});

describe('unitEntries', () => {
  it('names grids with their community', () => {
    const units: OrgUnit[] = [
      { id: 'c', parentId: null, kind: 'Community', name: '六尺巷社区' },
      { id: 'g', parentId: 'c', kind: 'Grid', name: '网格01' },
    ];
    expect(unitEntries(units)).toEqual([{ id: 'c', name: '六尺巷社区' }, { id: 'g', name: '六尺巷社区 网格01' }]);
  });
});

describe('attemptFor', () => {
  let n = 0;
  const fresh = () => `k${++n}`;
  it('reuses the key of an unanswered identical submission and renews it for a different one', () => {
    const first = attemptFor(null, 'submit', { a: 1 }, fresh);
    expect(attemptFor(first, 'submit', { a: 1 }, fresh).key).toBe(first.key);
    expect(attemptFor(first, 'submit', { a: 2 }, fresh).key).not.toBe(first.key);
    expect(attemptFor(first, 'reject', { a: 1 }, fresh).key).not.toBe(first.key);
  });
});
