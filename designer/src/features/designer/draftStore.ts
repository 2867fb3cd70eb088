// The one place a definition being edited lives: canvas, property panel, form designer and test run
// all read and change it here, so undo/redo, autosave and validation see every edit.
import type { DefinitionJson } from '../../api/definitions';

export type SaveStatus = 'loading' | 'clean' | 'dirty' | 'saving' | 'conflict' | 'error';

export interface DraftConflict {
  /** The revision we based our edit on. */
  expected: number;
  /** The server's current draft, which someone else saved meanwhile. */
  currentRevision: number;
  current: DefinitionJson | null;
  /** Who saved the current revision (display name, else user id) and when (ISO), as the server's 409 says. */
  changedBy: string | null;
  changedAt: string | null;
  message: string;
}

export interface DraftState {
  key: string;
  definition: DefinitionJson | null;
  /** The server revision `definition` was based on (0 = never saved). */
  revision: number;
  status: SaveStatus;
  error: string | null;
  conflict: DraftConflict | null;
  /** Bumped on every change, so autosave/validation can tell whether a save is still current. */
  generation: number;
  canUndo: boolean;
  canRedo: boolean;
}

export interface UpdateOptions {
  /** Edits with the same tag in a row collapse into one undo step (typing in a field, dragging a node). */
  coalesce?: string;
}

const historyLimit = 100;

export class DraftStore {
  private state: DraftState;
  private readonly listeners = new Set<() => void>();
  private past: DefinitionJson[] = [];
  private future: DefinitionJson[] = [];
  private lastTag: string | null = null;

  constructor(key: string) {
    this.state = {
      key,
      definition: null,
      revision: 0,
      status: 'loading',
      error: null,
      conflict: null,
      generation: 0,
      canUndo: false,
      canRedo: false,
    };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = () => this.state;

  private set(patch: Partial<DraftState>) {
    this.state = { ...this.state, ...patch, canUndo: this.past.length > 0, canRedo: this.future.length > 0 };
    for (const listener of this.listeners) listener();
  }

  /** Loaded from the server (or created locally with revision 0): history starts afresh. */
  load(definition: DefinitionJson, revision: number, dirty = false) {
    this.past = [];
    this.future = [];
    this.lastTag = null;
    this.set({ definition, revision, status: dirty ? 'dirty' : 'clean', error: null, conflict: null, generation: this.state.generation + 1 });
  }

  update(change: DefinitionJson | ((current: DefinitionJson) => DefinitionJson), options: UpdateOptions = {}) {
    const current = this.state.definition;
    if (!current) return;
    const next = typeof change === 'function' ? change(current) : change;
    if (next === current) return;
    if (!(options.coalesce && options.coalesce === this.lastTag)) {
      this.past.push(current);
      if (this.past.length > historyLimit) this.past.shift();
    }
    this.lastTag = options.coalesce ?? null;
    this.future = [];
    this.set({ definition: next, status: this.state.status === 'conflict' ? 'conflict' : 'dirty', generation: this.state.generation + 1 });
  }

  undo() {
    const previous = this.past.pop();
    if (!previous || !this.state.definition) return;
    this.future.push(this.state.definition);
    this.lastTag = null;
    this.set({ definition: previous, status: 'dirty', generation: this.state.generation + 1 });
  }

  redo() {
    const next = this.future.pop();
    if (!next || !this.state.definition) return;
    this.past.push(this.state.definition);
    this.lastTag = null;
    this.set({ definition: next, status: 'dirty', generation: this.state.generation + 1 });
  }

  markSaving() {
    this.set({ status: 'saving', error: null });
  }

  /** A save of `generation` succeeded; edits made while it was in flight keep the draft dirty. */
  markSaved(revision: number, generation: number) {
    this.set({ revision, status: generation === this.state.generation ? 'clean' : 'dirty', error: null });
  }

  /** The server bumped the draft's revision without changing its content (publish does). */
  setRevision(revision: number) {
    this.set({ revision });
  }

  markError(message: string) {
    this.set({ status: 'error', error: message });
  }

  markConflict(conflict: DraftConflict) {
    this.set({ status: 'conflict', conflict });
  }

  /** Keep my version: the next save goes over the server's current revision. */
  resolveKeepMine() {
    const conflict = this.state.conflict;
    if (!conflict) return;
    this.set({ revision: conflict.currentRevision, conflict: null, status: 'dirty', generation: this.state.generation + 1 });
  }

  /** Take theirs: my unsaved edits are dropped (still undoable). */
  resolveTakeTheirs() {
    const conflict = this.state.conflict;
    if (!conflict?.current) return;
    if (this.state.definition) this.past.push(this.state.definition);
    this.set({ definition: conflict.current, revision: conflict.currentRevision, conflict: null, status: 'clean', generation: this.state.generation + 1 });
  }
}

const stores = new Map<string, DraftStore>();

/** One store per definition key for the page's lifetime, so switching tabs keeps edits and history. */
export function draftStoreFor(key: string): DraftStore {
  let store = stores.get(key);
  if (!store) {
    store = new DraftStore(key);
    stores.set(key, store);
  }
  return store;
}

export function forgetDraftStore(key: string) {
  stores.delete(key);
}
