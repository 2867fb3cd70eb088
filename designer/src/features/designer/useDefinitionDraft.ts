import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { DefinitionJson } from '../../api/definitions';
import { draftStoreFor, type DraftState, type DraftStore, type UpdateOptions } from './draftStore';

export interface DefinitionDraft extends DraftState {
  store: DraftStore;
  /** Replace the definition (or derive it from the current one); one undo step unless coalesced. */
  update: (change: DefinitionJson | ((current: DefinitionJson) => DefinitionJson), options?: UpdateOptions) => void;
  undo: () => void;
  redo: () => void;
}

/**
 * The draft being edited for `key`, shared by the canvas, the property panel, the form designer and the
 * test-run panel. Loading from the server and autosaving are done once by the editor page
 * (useDraftPersistence); every other user only reads and updates.
 */
export function useDefinitionDraft(key: string): DefinitionDraft {
  const store = useMemo(() => draftStoreFor(key), [key]);
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  const update = useCallback<DefinitionDraft['update']>((change, options) => store.update(change, options), [store]);
  const undo = useCallback(() => store.undo(), [store]);
  const redo = useCallback(() => store.redo(), [store]);
  return { ...state, store, update, undo, redo };
}
