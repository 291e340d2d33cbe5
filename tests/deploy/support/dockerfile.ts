// A small Dockerfile reader: instructions (continuations joined, comments and parser directives dropped) grouped
// into build stages, with global ARG defaults substituted into FROM.

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  /** The image or earlier stage it starts from, ARGs resolved. */
  from: string;
  name?: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): { stages: Stage[]; globalArgs: Map<string, string> } {
  const instructions: Instruction[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let line = lines[index]!;
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && index + 1 < lines.length) {
      index++;
      const next = lines[index]!;
      if (/^\s*#/.test(next)) continue; // comment lines inside a continued instruction are skipped
      line = line.replace(/\s*\\\s*$/, ' ') + next.trim();
    }
    const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(line);
    if (match)
      instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: start + 1 });
  }

  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.replace(/--platform=\S+\s+/, '').split(/\s+/);
      const resolved = image!.replace(
        /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g,
        (_, arg: string) => globalArgs.get(arg) ?? '',
      );
      stages.push({ from: resolved, ...(as?.toUpperCase() === 'AS' ? { name } : {}), instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword === 'ARG') {
        const [key, value] = instruction.args.split('=');
        globalArgs.set(key!, value ?? '');
      }
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { stages, globalArgs };
}

/** `node:24-alpine` → { repository: 'node', tag: '24-alpine' }; a digest counts as pinned. */
export function imageReference(image: string): { repository: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = image.split('@');
  const slash = withoutDigest!.lastIndexOf('/');
  const colon = withoutDigest!.lastIndexOf(':');
  if (colon > slash) {
    return {
      repository: withoutDigest!.slice(0, colon),
      tag: withoutDigest!.slice(colon + 1),
      ...(digest ? { digest } : {}),
    };
  }
  return { repository: withoutDigest!, ...(digest ? { digest } : {}) };
}

/** Exec-form arguments (`["a", "b"]`) or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[')) return undefined;
  return JSON.parse(trimmed) as string[];
}
