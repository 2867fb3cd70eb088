// Placeholder owned by the fe-forms helper, who replaces this body with the draft test-run panel.
// It may render <ProcessCanvas definition highlight readOnly /> from '../canvas/ProcessCanvas' for the path.
import type { DefinitionJson } from '../../../api/definitions';

export interface TestRunPanelProps {
  definitionKey: string;
  definition: DefinitionJson;
}

export function TestRunPanel({ definitionKey }: TestRunPanelProps) {
  return <div data-testid="test-run-panel">{definitionKey}</div>;
}
