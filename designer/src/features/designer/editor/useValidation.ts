import { useEffect, useState } from 'react';
import { definitionsApi, type DefinitionJson, type DefinitionProblem } from '../../../api/definitions';

const validateDelayMs = 700;

/** The server's problems for the definition, re-checked shortly after each change (older requests are aborted). */
export function useValidation(definition: DefinitionJson | null) {
  const [problems, setProblems] = useState<DefinitionProblem[]>([]);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    if (!definition) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setChecking(true);
      definitionsApi.validate(definition, controller.signal).then(
        (result) => {
          setProblems(result.problems);
          setChecking(false);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setChecking(false);
          setProblems([{ code: 'validate-failed', message: error instanceof Error ? error.message : String(error) }]);
        },
      );
    }, validateDelayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [definition]);
  return { problems, checking };
}
