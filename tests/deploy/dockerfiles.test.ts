// A lint of our own for the images: one root Dockerfile with a target per deployable (named as its image), built on
// Debian slim; dependencies installed with `npm ci` from the workspace lockfile once, the monorepo built once, and
// each target a runtime with only production dependencies, no package manager, a non-root USER, a HEALTHCHECK and
// the conventions port. Plus the root .dockerignore that keeps host builds and secrets out of the context.
import { describe, expect, it } from 'vitest';
import { execForm, imageReference, parseDockerfile, type Stage } from './support/dockerfile.js';
import { deployables, exists, portOf, read } from './support/repo.js';

const text = () => read('Dockerfile');
const parsed = () => parseDockerfile(text());
const stageNamed = (name: string) => parsed().stages.find((stage) => stage.name === name);
const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
const fullInstall = (command: string) => /\bnpm ci\b/.test(command) && !/--omit[= ]dev/.test(command);
const prodInstall = (command: string) => /\bnpm ci\b/.test(command) && /--omit[= ]dev/.test(command);
/** `COPY --from=<stage> / /`: a stage that starts from scratch and takes another stage's whole filesystem. */
const flattenedFrom = (stage: Stage) =>
  stage.from === 'scratch'
    ? stage.instructions
        .find((i) => i.keyword === 'COPY' && /^--from=\S+ \/ \/$/.test(i.args))
        ?.args.split(/[= ]/)[1]
    : undefined;
/** A stage and the stages its filesystem comes from (FROM, or a flattening copy), nearest first. */
const lineage = (stage: Stage): Stage[] => {
  const parent = stageNamed(flattenedFrom(stage) ?? stage.from);
  return parent ? [stage, ...lineage(parent)] : [stage];
};
/** The image a stage's filesystem comes from in the end. */
const rootImage = (stage: Stage) => lineage(stage).at(-1)!.from;
/** The instructions that shape the image's configuration (USER, ENV, HEALTHCHECK…): a flattening copy keeps none. */
const configLineage = (stage: Stage): Stage[] => {
  const parent = stageNamed(stage.from);
  return parent ? [stage, ...configLineage(parent)] : [stage];
};
const last = (stage: Stage, keyword: string) =>
  configLineage(stage)
    .flatMap((s) => s.instructions.filter((i) => i.keyword === keyword).reverse())
    .at(0);
const workspaceName = (dir: string) => (JSON.parse(read(`${dir}/package.json`)) as { name: string }).name;

it('is one Dockerfile at the root: no Dockerfile left in a part’s folder', () => {
  expect(exists('Dockerfile')).toBe(true);
  for (const deployable of deployables)
    expect(exists(`${deployable.dir}/Dockerfile`), deployable.dir).toBe(false);
});

it('pins every base image to a tag (never latest) or a digest', () => {
  for (const stage of parsed().stages) {
    if (stageNamed(stage.from) || stage.from === 'scratch') continue;
    const reference = imageReference(stage.from);
    expect(reference.tag ?? reference.digest, `FROM ${stage.from}`).toBeTruthy();
    expect(reference.tag, `FROM ${stage.from}`).not.toBe('latest');
  }
});

it('installs every dependency once with npm ci from the lockfile and builds the monorepo once', () => {
  const stages = parsed().stages;
  const commands = stages.flatMap(runs);
  expect(commands.filter(fullInstall)).toHaveLength(1);
  expect(commands.join('\n')).not.toMatch(/\bnpm (install|i)\b/);
  expect(text()).toMatch(/package-lock\.json/);
  expect(commands.filter((command) => /scripts\/build\.mjs|npm run build/.test(command))).toHaveLength(1);
  if (commands.some((command) => command.includes('--mount=')))
    expect(text()).toMatch(/^# syntax=docker\/dockerfile:1/);
  expect(text()).toMatch(/^#\s+docker build --target \S+ -t \S+ \.$/m);
});

it('uses no ADD and puts no secret into an image', () => {
  const all = parsed().stages.flatMap((stage) => stage.instructions);
  expect(all.filter((i) => i.keyword === 'ADD')).toEqual([]);
  for (const instruction of all.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')) {
    expect(instruction.args, `line ${instruction.line}`).not.toMatch(
      /(PASSWORD|SECRET|TOKEN|PRIVATE_KEY)\w*=/,
    );
  }
});

describe.each(deployables)('target $image', (deployable) => {
  const target = () => stageNamed(deployable.image)!;

  it('exists, named as the image', () => {
    expect(target(), `a stage "AS ${deployable.image}"`).toBeDefined();
  });

  it('runs on Debian slim (Node’s image, the gateway Debian’s own) without the layers it does not need', () => {
    expect(rootImage(target())).toMatch(
      deployable.kind === 'gateway'
        ? /^debian:bookworm(-\d+)?-slim(@sha256:[a-f0-9]+)?$/
        : /^node:24(\.\d+)*-bookworm-slim(@sha256:[a-f0-9]+)?$/,
    );
    // Files removed in a later layer still weigh in the image: the runtime is a flattened copy.
    expect(lineage(target()).some((stage) => flattenedFrom(stage))).toBe(true);
    if (deployable.kind === 'gateway')
      expect(lineage(target()).flatMap(runs).join('\n')).toMatch(/apt-get install .*\bnginx\b/);
  });

  it('has no package manager: npm, npx, corepack, yarn, apt and dpkg are removed before the flattening', () => {
    const removed = lineage(target())
      .flatMap(runs)
      .filter((command) => /\brm -rf\b/.test(command))
      .join(' ')
      .replace(/\$\{?(\w+)\}?/g, (_, name: string) => parsed().globalArgs.get(name) ?? '');
    for (const path of [
      '/usr/local/lib/node_modules',
      '/usr/local/bin/npm',
      '/usr/local/bin/npx',
      '/usr/local/bin/corepack',
      '/usr/local/bin/yarn',
      '/usr/bin/apt',
      '/usr/bin/dpkg',
    ])
      expect(removed, path).toContain(path);
    const flattening = lineage(target()).find((stage) => flattenedFrom(stage))!;
    const after = lineage(target()).slice(0, lineage(target()).indexOf(flattening) + 1);
    expect(after.flatMap(runs).filter((command) => /\b(npm|apt-get|dpkg)\b/.test(command))).toEqual([]);
  });

  it('ships only production dependencies: nothing of the full install reaches it', () => {
    const copies = lineage(target()).flatMap((stage) =>
      stage.instructions.filter(
        (i) =>
          i.keyword === 'COPY' && /--from=/.test(i.args) && i.args !== `--from=${flattenedFrom(stage)} / /`,
      ),
    );
    for (const copy of copies) {
      const source = stageNamed(/--from=(\S+)/.exec(copy.args)![1]!)!;
      expect(source, copy.args).toBeDefined();
      const paths = copy.args
        .replace(/--\S+\s+/g, '')
        .split(/\s+/)
        .slice(0, -1);
      if (lineage(source).flatMap(runs).some(fullInstall)) {
        // From the build: built files only, never the installed tree.
        for (const path of paths)
          expect(path, copy.args).toMatch(/^\/(out|app\/packages\/store\/dist-browser)\b/);
      } else if (
        lineage(source)
          .flatMap(runs)
          .some((command) => /\bnpm\b/.test(command))
      ) {
        expect(lineage(source).flatMap(runs).some(prodInstall), `${copy.args}: a production install`).toBe(
          true,
        );
      }
    }
    if (deployable.kind === 'podlet' || deployable.kind === 'service') {
      const installs = copies.flatMap((copy) =>
        lineage(stageNamed(/--from=(\S+)/.exec(copy.args)![1]!)!).flatMap(runs),
      );
      expect(installs.filter(prodInstall).join('\n')).toContain(
        `--workspace ${workspaceName(deployable.dir)}`,
      );
    }
  });

  it('runs as a non-root user', () => {
    expect(last(target(), 'USER')?.args).toBeDefined();
    expect(last(target(), 'USER')!.args).not.toMatch(/^(root|0)(:|$)/);
  });

  it('has a HEALTHCHECK on /healthz of its own port', () => {
    const healthcheck = last(target(), 'HEALTHCHECK');
    if (deployable.kind === 'gateway') {
      // No Node in the gateway's image: a bash script asks nginx.
      expect(healthcheck?.args).toMatch(/CMD \["\/usr\/local\/lib\/healthcheck\.sh"\]/);
      const script = read('scripts/containers/healthcheck.sh');
      expect(script).toContain('${1:-/healthz}');
      expect(script).toContain(`\${${deployable.portEnv}:-`);
      expect(text()).toMatch(/COPY scripts\/containers\/healthcheck\.sh \/usr\/local\/lib\/healthcheck\.sh/);
      return;
    }
    expect(healthcheck?.args).toMatch(/CMD \["node", "\/usr\/local\/lib\/healthcheck\.mjs"\]/);
    const script = read('scripts/containers/healthcheck.mjs');
    expect(script).toMatch(/\?\? '\/healthz'/);
    expect(script).toContain(`process.env.${deployable.portEnv}`);
    expect(text()).toMatch(/COPY scripts\/containers\/healthcheck\.mjs \/usr\/local\/lib\/healthcheck\.mjs/);
  });

  it('listens on the conventions port on every interface', () => {
    const port = portOf(deployable);
    expect(
      target()
        .instructions.filter((i) => i.keyword === 'EXPOSE')
        .map((i) => i.args),
    ).toEqual([String(port)]);
    const env = configLineage(target())
      .flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'ENV'))
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(new RegExp(`\\b${deployable.portEnv}=${port}\\b`));
    expect(env).toMatch(new RegExp(`\\b${deployable.hostEnv}=0\\.0\\.0\\.0\\b`));
    if (deployable.kind !== 'gateway') expect(env).toMatch(/\bNODE_ENV=production\b/);
  });

  it('starts its process directly (exec form, or a shell that execs it) so it gets SIGTERM', () => {
    const command = execForm(last(target(), 'CMD')!.args);
    expect(command, 'exec form').toBeDefined();
    if (command![0] === 'sh') expect(command!.at(-1)).toMatch(/\bexec /);
  });
});

describe('the gateway target', () => {
  const gateway = () => stageNamed('gateway')!;

  it('carries no Node: nginx.conf comes as templates, filled in by a shell script at start', () => {
    expect(lineage(gateway()).map((stage) => stage.from)).not.toContain(
      parsed().globalArgs.get('NODE_IMAGE'),
    );
    const copies = lineage(gateway()).flatMap((stage) =>
      stage.instructions.filter((i) => i.keyword === 'COPY'),
    );
    expect(copies.map((copy) => copy.args).join('\n')).not.toMatch(/render\.mjs|healthcheck\.mjs/);
    expect(copies.map((copy) => copy.args)).toContain('nginx/configure.sh /app/nginx/configure.sh');
    const templates = stageNamed('gateway-templates')!;
    expect(runs(templates).join('\n')).toMatch(/render\.mjs --templates \/out\/templates/);
    const command = execForm(last(gateway(), 'CMD')!.args)!;
    expect(command.at(-1)).toMatch(/^\.\/configure\.sh templates && exec nginx /);
    expect(last(gateway(), 'HEALTHCHECK')!.args).not.toMatch(/\bnode\b/);
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
      'scripts',
    ]) {
      expect(patterns, needed).not.toContain(needed);
    }
  });
});
