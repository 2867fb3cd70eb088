// Monaco from the local package (no CDN here), with its workers bundled by Vite.
import * as monaco from 'monaco-editor';
import { loader } from '@monaco-editor/react';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker: (id: string, label: string) => Worker };
  }
}

let configured = false;

export function setupMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;
  window.MonacoEnvironment = {
    getWorker: (_id, label) => (label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker()),
  };
  loader.config({ monaco });
  // Our own ES5 and server markers are the diagnostics; the TS service would flag a top-level `return`.
  const ts = (monaco.languages as unknown as { typescript?: { javascriptDefaults?: { setDiagnosticsOptions: (o: object) => void; setCompilerOptions: (o: object) => void } } }).typescript;
  ts?.javascriptDefaults?.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: true });
  ts?.javascriptDefaults?.setCompilerOptions({ target: 1 /* ES5 */, allowNonTsExtensions: true, noLib: true });
  return monaco;
}
