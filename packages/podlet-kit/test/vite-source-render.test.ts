import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vite from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { viteSourceRender } from '../src/dev.js';

const entryWith = (text: string) => `export const render = () => ${JSON.stringify(text)};\n`;

async function until(seen: () => boolean, ms: number): Promise<boolean> {
  const started = Date.now();
  while (!seen() && Date.now() - started < ms) await new Promise((resolve) => setTimeout(resolve, 20));
  return seen();
}

describe('rendering from source through Vite (npm run dev)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function sourceRender() {
    const root = mkdtempSync(join(tmpdir(), 'vite-source-render-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    writeFileSync(join(root, 'vite.config.ts'), 'export default {};\n');
    const entry = join(root, 'entry.ts');
    writeFileSync(entry, entryWith('first'));
    const dev = await viteSourceRender<() => string>(vite, root, '/entry.ts');
    cleanups.push(dev.close);
    return { entry, render: dev.render };
  }

  it('when a file is saved, the next render uses it', async () => {
    const { entry, render } = await sourceRender();

    writeFileSync(entry, entryWith('saved'));

    expect(await until(() => render() === 'saved', 5000)).toBe(true);
  });

  it('when a file is saved twice within the watcher’s 50 ms, the render ends with the second save', async () => {
    const { entry, render } = await sourceRender();

    writeFileSync(entry, entryWith('editor'));
    await until(() => render() === 'editor', 5000);
    writeFileSync(entry, entryWith('formatter'));

    expect(await until(() => render() === 'formatter', 5000)).toBe(true);
  });
});
