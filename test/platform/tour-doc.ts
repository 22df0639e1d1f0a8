/**
 * Reads the curl blocks of docs/tour.md into steps a test can run. The page is written for bash
 * (curl + jq); this understands exactly the subset it uses and throws on anything else, so the
 * page cannot drift into commands the test would skip:
 *   - `NAME=value`                              a variable
 *   - `# → 201`                                 the status the block's request answers
 *   - `curl [-s] [-X M] [-H 'h: v']... URL [--data @- <<JSON ... JSON] [| tee FILE]`
 *   - `NAME=$(jq -r PATH FILE)`                 a value from the last answer (PATH: .a.b[0].c)
 */

export type TourStep =
  | { kind: 'set'; name: string; value: string }
  | {
      kind: 'request';
      line: number;
      method: string;
      url: string;
      headers: Record<string, string>;
      body?: string;
      expect: number;
      captures: { name: string; path: string }[];
    };

const VAR = /\$(?:\{(\w+)\}|(\w+))/g;

/** Shell words of a command line: 'single' and "double" quotes, unquoted words. Keeps $VARs. */
function words(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (/\s/.test(line[i])) {
      i++;
      continue;
    }
    let w = '';
    while (i < line.length && !/\s/.test(line[i])) {
      const q = line[i];
      if (q === "'" || q === '"') {
        const end = line.indexOf(q, i + 1);
        if (end < 0) throw new Error(`unbalanced ${q} in: ${line}`);
        // Single quotes keep $ literally: mark it so substitution leaves it alone.
        const part = line.slice(i + 1, end);
        w += q === "'" ? part.replace(/\$/g, '\uE000') : part;
        i = end + 1;
      } else {
        w += q;
        i++;
      }
    }
    out.push(w);
  }
  return out;
}

export function parseTour(markdown: string): TourStep[] {
  const steps: TourStep[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```sh') continue;
    const block: { text: string; line: number }[] = [];
    for (i++; i < lines.length && lines[i].trim() !== '```'; i++) block.push({ text: lines[i], line: i + 1 });
    let expect: number | null = null;
    let request: Extract<TourStep, { kind: 'request' }> | null = null;
    for (let j = 0; j < block.length; j++) {
      const { text, line } = block[j];
      const expectMatch = /^# → (\d{3})$/.exec(text.trim());
      const capture = /^(\w+)=\$\(jq -r '?(\.[\w.[\]]+)'? \/tmp\/enlace\.json\)$/.exec(text.trim());
      const assign = /^(\w+)=([^$\s(]+)$/.exec(text.trim());
      if (!text.trim()) continue;
      if (expectMatch) expect = Number(expectMatch[1]);
      else if (capture) {
        if (!request) throw new Error(`line ${line}: a capture before any request`);
        request.captures.push({ name: capture[1], path: capture[2] });
      } else if (assign) steps.push({ kind: 'set', name: assign[1], value: assign[2] });
      else if (text.startsWith('curl ')) {
        if (expect === null) throw new Error(`line ${line}: a request without its "# → status" line`);
        let command = text;
        while (command.endsWith('\\')) command = command.slice(0, -1) + ' ' + block[++j].text;
        const [head, ...piped] = command.split(' | ');
        for (const p of piped)
          if (!/^(tee \/tmp\/enlace\.json|jq \S*)$/.test(p.trim()))
            throw new Error(`line ${line}: unknown pipe "${p}"`);
        const argv = words(head).slice(1);
        request = { kind: 'request', line, method: 'GET', url: '', headers: {}, expect, captures: [] };
        for (let k = 0; k < argv.length; k++) {
          const a = argv[k];
          if (a === '-s' || a === '-sS') continue;
          else if (a === '-X') request.method = argv[++k];
          else if (a === '-H') {
            const h = argv[++k];
            const colon = h.indexOf(':');
            request.headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
          } else if (a === '--data' && argv[k + 1] === '@-' && argv[k + 2] === '<<JSON') {
            k += 2;
            const body: string[] = [];
            for (j++; j < block.length && block[j].text !== 'JSON'; j++) body.push(block[j].text);
            if (j >= block.length) throw new Error(`line ${line}: heredoc without its closing JSON line`);
            request.body = body.join('\n');
          } else if (!a.startsWith('-') && !request.url) request.url = a;
          else throw new Error(`line ${line}: curl option "${a}" is not one the tour test understands`);
        }
        steps.push(request);
        expect = null;
      } else if (!text.trim().startsWith('#')) throw new Error(`line ${line}: not understood: ${text}`);
    }
  }
  return steps;
}

/** Replaces $NAME and ${NAME}; an unknown variable is an error (the page forgot to set it). */
export function substitute(text: string, vars: Map<string, string>): string {
  return text
    .replace(VAR, (_, a: string | undefined, b: string | undefined) => {
      const name = (a ?? b)!;
      const v = vars.get(name);
      if (v === undefined) throw new Error(`$${name} is used before the tour sets it`);
      return v;
    })
    .replace(/\uE000/g, '$');
}

/** `jq -r PATH` for the paths the tour uses: .a.b, .a[0].b. */
export function jqPath(value: unknown, path: string): unknown {
  let cur: any = value;
  for (const part of path.slice(1).match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (cur === null || cur === undefined) return undefined;
    cur = part.startsWith('[') ? cur[Number(part.slice(1, -1))] : cur[part];
  }
  return cur;
}
