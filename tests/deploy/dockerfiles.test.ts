// A lint of our own for the images: one Dockerfile per deployable, multi-stage, `npm ci` from the workspace
// lockfile, only production dependencies in the final stage, a pinned base, a non-root USER, a HEALTHCHECK, and
// the conventions port. Plus the root .dockerignore that keeps host builds and secrets out of the context.
import { describe, expect, it } from 'vitest';
import { execForm, imageReference, parseDockerfile, type Stage } from './support/dockerfile.js';
import { deployables, exists, portOf, read } from './support/repo.js';

const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
const fullInstall = (command: string) => /\bnpm ci\b/.test(command) && !/--omit[= ]dev/.test(command);
const prodInstall = (command: string) => /\bnpm ci\b/.test(command) && /--omit[= ]dev/.test(command);

describe.each(deployables)('$dir/Dockerfile', (deployable) => {
  const path = `${deployable.dir}/Dockerfile`;
  const text = () => read(path);
  const parsed = () => parseDockerfile(text());
  const final = () => parsed().stages.at(-1)!;
  const stageNamed = (name: string) => parsed().stages.find((stage) => stage.name === name);
  /** A stage and the stages it is built on. */
  const lineage = (stage: Stage): Stage[] => {
    const parent = stageNamed(stage.from);
    return parent ? [stage, ...lineage(parent)] : [stage];
  };

  it('exists', () => {
    expect(exists(path)).toBe(true);
  });

  it('is multi-stage, every base image pinned to a tag (never latest) or a digest', () => {
    const { stages } = parsed();
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      if (stageNamed(stage.from)) continue;
      const reference = imageReference(stage.from);
      expect(reference.tag ?? reference.digest, `FROM ${stage.from}`).toBeTruthy();
      expect(reference.tag, `FROM ${stage.from}`).not.toBe('latest');
    }
    expect(stageNamed(final().from), 'the final stage starts from a clean base image').toBeUndefined();
  });

  it('runs on node:24-alpine (or distroless)', () => {
    expect(final().from).toMatch(
      /^(node:24(\.\d+)*-alpine[\d.]*|gcr\.io\/distroless\/nodejs24[\w-]*)(@sha256:[a-f0-9]+)?$/,
    );
    if (deployable.kind === 'gateway') expect(runs(final()).join('\n')).toMatch(/apk add --no-cache nginx/);
  });

  it('installs with npm ci from the workspace lockfile (never npm install), build context = repo root', () => {
    const commands = parsed().stages.flatMap(runs);
    expect(commands.some(fullInstall), 'a build stage runs npm ci').toBe(true);
    expect(commands.join('\n')).not.toMatch(/\bnpm (install|i)\b/);
    expect(text()).toMatch(/package-lock\.json/);
    expect(text()).toMatch(new RegExp(`docker build -f ${deployable.dir}/Dockerfile .* \\.$`, 'm'));
    if (commands.some((command) => command.includes('--mount=')))
      expect(text()).toMatch(/^# syntax=docker\/dockerfile:1/);
  });

  it('ships only production dependencies: nothing from a full install reaches the final stage', () => {
    const copies = final().instructions.filter((i) => i.keyword === 'COPY');
    for (const copy of copies) {
      const from = /--from=(\S+)/.exec(copy.args)?.[1];
      if (!from) {
        // Straight from the build context: only the gateway's own config files.
        expect(deployable.kind, `COPY ${copy.args}`).toBe('gateway');
        expect(copy.args).toMatch(/^nginx\/ /);
        continue;
      }
      const source = stageNamed(from);
      expect(source, `COPY --from=${from} names a stage`).toBeDefined();
      const paths = copy.args
        .replace(/--\S+\s+/g, '')
        .split(/\s+/)
        .slice(0, -1);
      const wholeTree = paths.some((p) => p === '/app' || p === '/app/' || p.includes('node_modules'));
      if (!wholeTree) continue;
      const commands = lineage(source!).flatMap(runs);
      expect(commands.some(fullInstall), `${from} derives from a full npm ci`).toBe(false);
      expect(commands.some(prodInstall), `${from} installs with --omit=dev`).toBe(true);
    }
    if (deployable.kind !== 'gateway') expect(parsed().stages.flatMap(runs).some(prodInstall)).toBe(true);
    expect(runs(final()).some((command) => /\bnpm\b/.test(command) && !/rm -rf/.test(command))).toBe(false);
  });

  it('runs as a non-root user', () => {
    const users = final().instructions.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args).not.toMatch(/^(root|0)(:|$)/);
  });

  it('has a HEALTHCHECK on /healthz', () => {
    const healthchecks = final().instructions.filter((i) => i.keyword === 'HEALTHCHECK');
    expect(healthchecks).toHaveLength(1);
    expect(healthchecks[0]!.args).toMatch(/CMD .*\/healthz/);
  });

  it('listens on the conventions port on every interface', () => {
    const port = portOf(deployable);
    const instructions = final().instructions;
    expect(instructions.filter((i) => i.keyword === 'EXPOSE').map((i) => i.args)).toEqual([String(port)]);
    const env = instructions
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(new RegExp(`\\b${deployable.portEnv}=${port}\\b`));
    expect(env).toMatch(new RegExp(`\\b${deployable.hostEnv}=0\\.0\\.0\\.0\\b`));
    expect(env).toMatch(/\bNODE_ENV=production\b/);
  });

  it('starts its process directly (exec form, or a shell that execs it) so it gets SIGTERM', () => {
    const commands = final().instructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    expect(commands.length).toBeGreaterThan(0);
    const command = execForm(commands.at(-1)!.args);
    expect(command, 'exec form').toBeDefined();
    if (command![0] === 'sh') expect(command!.at(-1)).toMatch(/\bexec /);
  });

  it('uses no ADD and puts no secret into the image', () => {
    const all = parsed().stages.flatMap((stage) => stage.instructions);
    expect(all.filter((i) => i.keyword === 'ADD')).toEqual([]);
    for (const instruction of all.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')) {
      expect(instruction.args, `line ${instruction.line}`).not.toMatch(
        /(PASSWORD|SECRET|TOKEN|PRIVATE_KEY)\w*=/,
      );
    }
  });
});

describe('the Dockerfile lint itself', () => {
  it('flags a single-stage, root, unpinned image without a healthcheck', () => {
    const { stages } = parseDockerfile('FROM node:latest\nCOPY . .\nRUN npm install\nCMD node server.js\n');
    expect(stages).toHaveLength(1);
    expect(imageReference(stages[0]!.from).tag).toBe('latest');
    expect(stages[0]!.instructions.some((i) => i.keyword === 'USER' || i.keyword === 'HEALTHCHECK')).toBe(
      false,
    );
  });

  it('joins continued lines and resolves ARG defaults in FROM', () => {
    const { stages } = parseDockerfile(
      'ARG BASE=node:24-alpine\nFROM ${BASE} AS a\nRUN a \\\n  # note\n  && b\n',
    );
    expect(stages[0]).toMatchObject({
      from: 'node:24-alpine',
      name: 'a',
      instructions: [{ keyword: 'RUN', args: 'a && b' }],
    });
  });
});

describe('.dockerignore', () => {
  it('keeps host installs and builds, VCS data and secrets out of the build context', () => {
    const patterns = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const required of ['**/node_modules', '**/dist', '**/.next', '.git', '**/.env']) {
      expect(patterns, required).toContain(required);
    }
    // …but not what the images are built from.
    for (const needed of [
      'package-lock.json',
      'package.json',
      'nginx',
      'packages',
      'services',
      'fragments',
      'layout',
    ]) {
      expect(patterns, needed).not.toContain(needed);
    }
  });
});
