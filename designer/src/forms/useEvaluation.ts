import { useEffect, useRef, useState } from 'react';
import type { EvaluateFn, Evaluation, FormValues } from './types';

export interface EvaluationState {
  evaluation: Evaluation | null;
  /** The last evaluation failed (e.g. a broken script in the designer's preview answers 400). */
  failure: unknown;
  pending: boolean;
}

/**
 * Asks the server for the form's live state after the user pauses typing. Answers can arrive out of
 * order; only the answer to the latest request is kept (last answer wins), older ones are dropped.
 */
export function useEvaluation(evaluate: EvaluateFn | undefined, values: FormValues, delayMs = 250, refreshKey?: unknown): EvaluationState {
  const [state, setState] = useState<EvaluationState>({ evaluation: null, failure: null, pending: evaluate !== undefined });
  const latest = useRef(0);

  useEffect(() => {
    if (!evaluate) return;
    const request = ++latest.current;
    setState((previous) => (previous.pending ? previous : { ...previous, pending: true }));
    const timer = setTimeout(() => {
      evaluate(values).then(
        (evaluation) => {
          if (request === latest.current) setState({ evaluation, failure: null, pending: false });
        },
        (failure: unknown) => {
          if (request === latest.current) setState((previous) => ({ ...previous, failure, pending: false }));
        },
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [evaluate, values, delayMs, refreshKey]);

  return state;
}
