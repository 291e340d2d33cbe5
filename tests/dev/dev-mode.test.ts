// `npm run dev` (scripts/dev.mjs): the Vue, Solid and Angular podlets and the product service run from throw-away
// copies of their source, watched, behind the same gateway as `npm start`; the rest from their builds. A saved
// template of each fragment and a saved route of the service are served through the gateway, and nothing else
// restarts. The measured save → visible times are printed (README "Developing").
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongo } from '@storefront/mongo-devserver';
import { createStackStores } from '@storefront/testkit';
// @ts-expect-error -- plain ESM scripts shared with `npm run dev`
import { ANGULAR_WARM_MARKER } from '../../scripts/angular-dev-build.mjs';
// @ts-expect-error -- plain ESM scripts shared with `npm run dev`
import { devCommand } from '../../scripts/dev.mjs';
// @ts-expect-error -- plain ESM scripts shared with `npm start`
import { parts, startStack } from '../../scripts/stack.mjs';
import { root } from '../deploy/support/repo.js';

interface Part {
  name: string;
  dir: string;
  port: number;
}
interface Stack {
  url: string;
  partUrls: Record<string, string>;
  partPid(name: string): number | null;
  stop(): Promise<void>;
}

const portOffset = Number(process.env.STACK_PORT_OFFSET ?? 13_000);
const copyRoot = join(root, '.run', `dev-test-${portOffset}`);
const fromSource = ['product-catalog', 'order-management', 'user-dashboard', 'product'];
const marker = () => `dev-edit-${randomBytes(4).toString('hex')}`;

/** A copy of a part's folder (builds included) that resolves the repo's packages as the original does. */
function copyOf(part: Part): string {
  const copy = join(copyRoot, part.dir);
  cpSync(join(root, part.dir), copy, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|\.next|test)$/.test(source),
  });
  // Its own node_modules when it has one; else the repo's (a parent of the copy) serve.
  const own = join(root, part.dir, 'node_modules');
  if (existsSync(own)) symlinkSync(own, join(copy, 'node_modules'));
  return copy;
}

/**
 * Every process below `pid`: a part that restarts gets new ones. Not the Angular watch build's: it starts and ends
 * workers for each build by design, while the podlet's server beside it keeps running.
 */
function processTree(pid: number): Set<number> {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => {
      const [child, parent, ...args] = line.trim().split(/\s+/);
      return { child: Number(child), parent: Number(parent), command: args.join(' ') };
    })
    .filter(({ command }) => !/@angular[/\\]cli[/\\]bin[/\\]ng\.js build/.test(command));
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const { child, parent } of table)
      if (tree.has(parent) && !tree.has(child)) {
        tree.add(child);
        grew = true;
      }
  }
  return tree;
}

/** Inserts `text` after the first match of `anchor` in a file of the copy. */
function edit(file: string, anchor: RegExp, text: string): void {
  const source = readFileSync(file, 'utf8');
  const match = anchor.exec(source);
  if (!match) throw new Error(`${file}: no ${anchor} to edit after`);
  const at = match.index + match[0].length;
  writeFileSync(file, source.slice(0, at) + text + source.slice(at));
}

/** Polls through the gateway until `seen` holds; the ms from the save. */
async function msUntil(seen: () => Promise<boolean>, savedAt: number): Promise<number> {
  while (!(await seen().catch(() => false))) {
    if (Date.now() - savedAt > 120_000) throw new Error('the change was not served within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - savedAt;
}

describe('npm run dev', { timeout: 180_000 }, () => {
  let stack: Stack;
  const copies = new Map<string, string>();
  const drops: (() => Promise<unknown>)[] = [];
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    rmSync(copyRoot, { recursive: true, force: true });
    mkdirSync(copyRoot, { recursive: true });
    cpSync(join(root, 'tsconfig.base.json'), join(copyRoot, 'tsconfig.base.json'));
    for (const part of parts as Part[])
      if (fromSource.includes(part.name)) copies.set(part.name, copyOf(part));
    // The Angular podlet's development bundle is made by its own watch build, not copied from an earlier one.
    const angularDevelopmentBundle = join(
      copies.get('user-dashboard')!,
      'dist/angular-dev/ssr/main.server.mjs',
    );
    rmSync(join(copies.get('user-dashboard')!, 'dist/angular-dev'), { recursive: true, force: true });
    // MongoDB up before the stack: the user service gives it 5 s at start, too little on a busy machine.
    const [stores, mongo] = await Promise.all([createStackStores(), startMongo()]);
    drops.push(stores.drop, mongo.stop);
    const startedAt = Date.now();
    stack = (await startStack({
      portOffset,
      runDir: join(copyRoot, 'run'),
      mongoUrl: mongo.url,
      quiet: !process.env.STACK_LOGS,
      readyTimeout: 600_000,
      runAs: (part: Part) => (copies.has(part.name) ? devCommand(part, copies.get(part.name)) : undefined),
      env: {
        ...stores.env,
        LOG_LEVEL: 'warn',
        GATEWAY_ACCESS_LOG: 'off',
        GATEWAY_CACHE: 'off',
      },
    })) as Stack;
    figures.ready = Date.now() - startedAt;
    // Saves are measured from a watching build: the Angular one first builds everything once, then warms up.
    for (const [file, figure] of [
      [angularDevelopmentBundle, 'angularFirstBuild'],
      [join(copies.get('user-dashboard')!, ANGULAR_WARM_MARKER), 'angularWarm'],
    ] as const) {
      while (!existsSync(file)) {
        if (Date.now() - startedAt > 600_000) throw new Error(`no ${figure} within 600 s`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      figures[figure] = Date.now() - startedAt;
    }
  }, 900_000);

  afterAll(async () => {
    await stack?.stop();
    await Promise.allSettled(drops.map((drop) => drop()));
    rmSync(copyRoot, { recursive: true, force: true });
    console.log(`[dev] ready and save → visible, ms: ${JSON.stringify(figures)}`);
  }, 120_000);

  const page = async (path: string) => (await fetch(`${stack.url}${path}`)).text();
  const trees = () =>
    new Map((parts as Part[]).map((part) => [part.name, processTree(stack.partPid(part.name) ?? -1)]));
  const unchanged = (before: Map<string, Set<number>>, except: string[]) => {
    const after = trees();
    return [...before].filter(
      ([name, pids]) => !except.includes(name) && [...pids].some((pid) => !after.get(name)!.has(pid)),
    );
  };

  it.each([
    [
      'product-catalog',
      'Vue',
      'src/ui/CatalogRoot.vue',
      /<template>\n/,
      (m: string) => `  <p data-dev-edit>${m}</p>\n`,
    ],
    [
      'order-management',
      'Solid',
      'src/ui/MiniCart.tsx',
      /return \(\s*<section[^>]*>/,
      (m: string) => `<p data-dev-edit>${m}</p>`,
    ],
    [
      'user-dashboard',
      'Angular',
      'src/ui/sign-in-form.component.ts',
      /template: `\n/,
      (m: string) => `    <p data-dev-edit>${m}</p>\n`,
    ],
  ])(
    'when a template of the %s podlet (%s) is saved, and saved again, the next page shows each and nothing restarts',
    async (name, _framework, file, anchor, text) => {
      const before = trees();

      // The first save after start and the ones after it: a watching build's first rebuild is its slowest.
      for (const save of [name, `${name}, next save`]) {
        const value = marker();
        const savedAt = Date.now();
        edit(join(copies.get(name)!, file), anchor, text(value));
        figures[save] = await msUntil(async () => (await page('/')).includes(value), savedAt);
      }

      expect(unchanged(before, [])).toEqual([]);
    },
  );

  it('when a route of the product service is saved, the service answers with the change and only it restarts', async () => {
    const before = trees();
    const value = marker();

    const savedAt = Date.now();
    edit(
      join(copies.get('product')!, 'src/entry-points/http/products-routes.ts'),
      /router\.get\('\/categories', async \(_req, res\) => \{\n/,
      `    res.setHeader('x-dev-edit', '${value}');\n`,
    );
    figures.product = await msUntil(
      async () => (await fetch(`${stack.url}/api/products/categories`)).headers.get('x-dev-edit') === value,
      savedAt,
    );

    expect(unchanged(before, ['product'])).toEqual([]);
  });
});
