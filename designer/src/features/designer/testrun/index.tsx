// The draft test-run tab of the process editor (issue #8).
export { TestRunPanel, type TestRunPanelProps } from './TestRunPanel';
