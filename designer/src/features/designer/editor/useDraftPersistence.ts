// Loads the draft into the shared store once and autosaves it (debounced, with the expected revision).
// A 409 (someone else saved meanwhile) never overwrites: the store goes to `conflict` with the server's current draft.
import { useCallback, useEffect, useRef } from 'react';
import { ApiError } from '../../../api/client';
import { definitionsApi, type DefinitionJson } from '../../../api/definitions';
import { draftStoreFor } from '../draftStore';
import { useDefinitionDraft } from '../useDefinitionDraft';

const autosaveDelayMs = 1200;

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

async function loadStartingPoint(key: string): Promise<{ definition: DefinitionJson; revision: number }> {
  try {
    const draft = await definitionsApi.draft(key);
    return { definition: draft.definition, revision: draft.revision };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
    // No draft yet (e.g. a seeded, imported process): start from the latest published version.
    const versions = await definitionsApi.versions(key);
    const latest = Math.max(...versions.map((v) => v.version));
    const definition = await definitionsApi.version(key, latest);
    return { definition: { ...definition, version: 0, contentHash: null }, revision: 0 };
  }
}

export function useDraftPersistence(key: string, enabled = true) {
  const draft = useDefinitionDraft(key);
  const saving = useRef<Promise<number | null> | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const store = draftStoreFor(key);
    if (store.getState().status !== 'loading' && store.getState().definition) return;
    let cancelled = false;
    loadStartingPoint(key).then(
      ({ definition, revision }) => !cancelled && store.load(definition, revision),
      (error: unknown) => !cancelled && store.markError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [key, enabled]);

  /** Saves now; resolves to the saved revision, or null if the save did not happen (conflict, error, nothing loaded). */
  const saveNow = useCallback(async (): Promise<number | null> => {
    const store = draftStoreFor(key);
    if (saving.current) await saving.current;
    const state = store.getState();
    if (!state.definition || state.status === 'conflict' || state.status === 'loading') return null;
    if (state.status === 'clean' && state.revision > 0) return state.revision;
    const generation = state.generation;
    store.markSaving();
    const attempt = (async () => {
      try {
        const saved = await definitionsApi.saveDraft(key, state.revision, state.definition!);
        store.markSaved(saved.revision, generation);
        return saved.revision;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          const current = await definitionsApi.draft(key).catch(() => null);
          store.markConflict({
            expected: state.revision,
            currentRevision: current?.revision ?? Number(error.problem.currentRevision ?? state.revision),
            current: current?.definition ?? null,
            changedBy: current?.updatedByName ?? current?.updatedBy ?? stringOrNull(error.problem.updatedByName) ?? stringOrNull(error.problem.updatedBy),
            changedAt: current?.updatedAt ?? stringOrNull(error.problem.updatedAt),
            message: error.message,
          });
        } else {
          store.markError(error instanceof Error ? error.message : String(error));
        }
        return null;
      } finally {
        saving.current = null;
      }
    })();
    saving.current = attempt;
    return attempt;
  }, [key]);

  // Autosave: each change restarts the timer.
  useEffect(() => {
    if (!enabled || draft.status !== 'dirty') return;
    const timer = setTimeout(() => void saveNow(), autosaveDelayMs);
    return () => clearTimeout(timer);
  }, [draft.generation, draft.status, enabled, saveNow]);

  return { ...draft, saveNow };
}
