// A quick client-side check for what Jint's ES5.1 rejects, so the designer sees it while typing;
// the server's validation (POST /api/definitions/validate) stays the authority.
export interface ScriptIssue {
  line: number;
  column: number;
  endColumn: number;
  construct: 'let' | 'const' | 'arrow' | 'template' | 'class';
}

const patterns: Array<{ construct: ScriptIssue['construct']; regex: RegExp }> = [
  { construct: 'let', regex: /\blet\s+[A-Za-z_$[{]/g },
  { construct: 'const', regex: /\bconst\s+[A-Za-z_$[{]/g },
  { construct: 'class', regex: /\bclass\s+[A-Za-z_$]/g },
  { construct: 'arrow', regex: /=>/g },
  { construct: 'template', regex: /`/g },
];

/** Blanks out string literals and comments (keeping columns) so `'=>'` inside a string is not flagged. */
function codeOnly(line: string, state: { inBlockComment: boolean }): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (state.inBlockComment) {
      const end = line.indexOf('*/', i);
      if (end < 0) return out + ' '.repeat(line.length - i);
      out += ' '.repeat(end + 2 - i);
      i = end + 2;
      state.inBlockComment = false;
      continue;
    }
    const ch = line[i];
    if (ch === '/' && line[i + 1] === '/') return out + ' '.repeat(line.length - i);
    if (ch === '/' && line[i + 1] === '*') {
      state.inBlockComment = true;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < line.length && line[j] !== ch) j += line[j] === '\\' ? 2 : 1;
      out += ' '.repeat(Math.min(j + 1, line.length) - i);
      i = j + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

export function checkEs5(source: string): ScriptIssue[] {
  const issues: ScriptIssue[] = [];
  const state = { inBlockComment: false };
  source.split('\n').forEach((raw, index) => {
    const line = codeOnly(raw, state);
    for (const { construct, regex } of patterns) {
      regex.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = regex.exec(line))) {
        const length = construct === 'let' || construct === 'const' || construct === 'class' ? construct.length : match[0].length;
        issues.push({ line: index + 1, column: match.index + 1, endColumn: match.index + 1 + length, construct });
      }
    }
  });
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}
