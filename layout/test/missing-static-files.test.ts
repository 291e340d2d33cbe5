import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMissingStaticFile } from '../server/missing-static-files.mjs';

describe('which /_next/static/ requests name no file of the build', () => {
  const root = mkdtempSync(join(tmpdir(), 'layout-static-'));
  const staticDir = join(root, '.next', 'static');
  mkdirSync(join(staticDir, 'chunks'), { recursive: true });
  writeFileSync(join(staticDir, 'chunks', 'app.js'), '');
  writeFileSync(join(root, 'secret.json'), '{}');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('when the file is there, with or without a query, it is not missing', () => {
    expect(isMissingStaticFile('/_next/static/chunks/app.js', staticDir)).toBe(false);
    expect(isMissingStaticFile('/_next/static/chunks/app.js?v=1', staticDir)).toBe(false);
  });

  it('when the file, or anything at all, is not there, it is missing', () => {
    expect(isMissingStaticFile('/_next/static/chunks/nope.js', staticDir)).toBe(true);
    expect(isMissingStaticFile('/_next/static/chunks/', staticDir)).toBe(true);
    expect(isMissingStaticFile('/_next/static/chunks/%E0%A4%A.js', staticDir)).toBe(true);
  });

  it('when the path climbs out of the folder, even to a file that exists, it is missing', () => {
    expect(isMissingStaticFile('/_next/static/../../secret.json', staticDir)).toBe(true);
    expect(isMissingStaticFile('/_next/static/%2e%2e/%2e%2e/secret.json', staticDir)).toBe(true);
    expect(isMissingStaticFile('/_next/static/..%2f..%2fsecret.json', staticDir)).toBe(true);
  });

  it('when the path is not under /_next/static/, the check does not apply', () => {
    expect(isMissingStaticFile('/products/blue-mug', staticDir)).toBe(false);
    expect(isMissingStaticFile('/_next/image?url=x', staticDir)).toBe(false);
  });
});
