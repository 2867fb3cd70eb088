import { describe, expect, it } from 'vitest';
import { resources } from './index';

// Every string exists in both languages: a key missing in one catalogue fails here, not in front of a user.
function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('i18n catalogues', () => {
  for (const ns of Object.keys(resources.zh) as (keyof typeof resources.zh)[]) {
    it(`${ns}: zh and en have the same keys`, () => {
      expect(keys(resources.en[ns]).sort()).toEqual(keys(resources.zh[ns]).sort());
    });
    it(`${ns}: no empty strings`, () => {
      for (const lang of ['zh', 'en'] as const) {
        const flat = keys(resources[lang][ns]);
        for (const key of flat) {
          const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], resources[lang][ns]);
          if (typeof value === 'string') expect(value.trim(), `${lang}:${ns}.${key}`).not.toBe('');
        }
      }
    });
  }
});
