// Monaco for ES5 script properties: client ES5.1 markers while typing, the server's problems as markers,
// completions for vars, form fields and helpers. Loaded lazily (Monaco is large).
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionJson } from '../../../api/definitions';
import { scriptCompletions } from './completions';
import { checkEs5 } from './es5Check';
import { setupMonaco } from './monacoSetup';

const monaco = setupMonaco();
type Editor = Parameters<OnMount>[0];

export interface ScriptMarker {
  line: number;
  column?: number | null;
  message: string;
}

export interface ScriptEditorProps {
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
  definition: DefinitionJson | null;
  formKey?: string | null;
  serverMarkers?: ScriptMarker[];
  /** Scroll to and select this line (validation click-through). */
  revealLine?: number | null;
  height?: number;
  testId?: string;
}

// One completion provider for all script editors; it reads the context of the editor that asks.
const contexts = new Map<string, { definition: DefinitionJson | null; formKey?: string | null }>();
monaco.languages.registerCompletionItemProvider('javascript', {
  triggerCharacters: ['.'],
  provideCompletionItems(model, position) {
    const context = contexts.get(model.uri.toString());
    if (!context) return { suggestions: [] };
    const word = model.getWordUntilPosition(position);
    const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
    const dotted = /[A-Za-z_$][\w$.]*$/.exec(line)?.[0] ?? '';
    const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: position.column - dotted.length, endColumn: word.endColumn };
    const kinds = monaco.languages.CompletionItemKind;
    return {
      suggestions: scriptCompletions(context.definition, context.formKey)
        .filter((c) => c.insertText.startsWith(dotted.split('.').slice(0, -1).join('.')))
        .map((c) => ({
          label: c.label,
          detail: c.detail,
          insertText: c.insertText,
          range,
          kind: c.kind === 'function' ? kinds.Function : c.kind === 'field' ? kinds.Field : c.kind === 'variable' ? kinds.Variable : kinds.Module,
        })),
    };
  },
});

export default function ScriptEditor({ value, onChange, readOnly, definition, formKey, serverMarkers = [], revealLine, height = 160, testId }: ScriptEditorProps) {
  const { t } = useTranslation('designer');
  const editorRef = useRef<Editor | null>(null);

  const applyMarkers = () => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const es5 = checkEs5(model.getValue()).map((issue) => ({
      severity: monaco.MarkerSeverity.Error,
      message: t('script.es5', { construct: t(`script.construct.${issue.construct}`) }),
      startLineNumber: issue.line,
      startColumn: issue.column,
      endLineNumber: issue.line,
      endColumn: issue.endColumn,
    }));
    const server = serverMarkers.map((m) => ({
      severity: monaco.MarkerSeverity.Error,
      message: m.message,
      startLineNumber: m.line,
      startColumn: m.column ?? 1,
      endLineNumber: m.line,
      endColumn: model.getLineMaxColumn(Math.min(m.line, model.getLineCount())),
    }));
    monaco.editor.setModelMarkers(model, 'flowgov', [...es5, ...server]);
  };

  useEffect(applyMarkers); // cheap; keeps markers in step with value and server results

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) contexts.set(model.uri.toString(), { definition, formKey });
  }, [definition, formKey]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !revealLine) return;
    editor.revealLineInCenter(revealLine);
    editor.setSelection({ startLineNumber: revealLine, startColumn: 1, endLineNumber: revealLine, endColumn: editor.getModel()?.getLineMaxColumn(revealLine) ?? 1 });
    editor.focus();
  }, [revealLine]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    const model = editor.getModel();
    if (model) contexts.set(model.uri.toString(), { definition, formKey });
    editor.onDidDispose(() => model && contexts.delete(model.uri.toString()));
    applyMarkers();
    if (revealLine) editor.revealLineInCenter(revealLine);
  };

  return (
    <div data-testid={testId} style={{ border: '1px solid #d9d9d9', borderRadius: 4 }}>
      <Editor
        height={height}
        language="javascript"
        value={value}
        onChange={(v) => onChange(v ?? '')}
        onMount={onMount}
        options={{ readOnly, minimap: { enabled: false }, fontSize: 12, lineNumbers: 'on', scrollBeyondLastLine: false, wordWrap: 'on', tabSize: 2, automaticLayout: true }}
      />
    </div>
  );
}
