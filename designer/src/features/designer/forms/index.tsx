// The form designer tab of the process editor (issue #8). The editor page passes the definition from
// useDefinitionDraft and applies onChange to it.
export { FormDesignerPanel, type FormDesignerPanelProps } from './FormDesignerPanel';
