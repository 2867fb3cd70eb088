import { describe, expect, it } from 'vitest';
import { checkEs5 } from './es5Check';

describe('ES5.1 quick check', () => {
  it('flags let, const, arrows, template strings and classes with line and column', () => {
    const issues = checkEs5("var a = 1;\nlet b = 2;\nconst c = x => x + 1;\nvar s = `hi`;");
    expect(issues.map((i) => [i.construct, i.line, i.column])).toEqual([
      ['let', 2, 1],
      ['const', 3, 1],
      ['arrow', 3, 13],
      ['template', 4, 9],
      ['template', 4, 12],
    ]);
  });

  it('ignores the same text inside strings and comments', () => {
    expect(checkEs5("var s = 'let x => `y`'; // const z\n/* let\n const */ var t = \"a=>b\";")).toEqual([]);
  });

  it('accepts plain ES5 in the seeded scripts style', () => {
    expect(checkEs5("var total = 0;\nfor (var i = 0; i < vars.items.length; i++) { total += vars.items[i].amount; }\nreturn total > 100 && form.level === 'big';")).toEqual([]);
  });
});
