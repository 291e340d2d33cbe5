// .github/workflows: valid against the GitHub workflow schema (SchemaStore's, bundled in @action-validator/core),
// and doing what the issue asks: CI on push and PR with service containers and the browser tests; on main, every
// image built with a buildx cache and pushed to Docker Hub (commit SHA + latest), then the prod overlay deployed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { read, root } from './support/repo.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | boolean>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string[] | string;
  services?: Record<string, { image: string; options?: string; ports?: string[] }>;
  strategy?: { matrix: { image: string[] } };
  steps: Step[];
  environment?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const workflowFiles = readdirSync(join(root, '.github/workflows')).filter((file) => /\.ya?ml$/.test(file));
const ci = () => parse(read('.github/workflows/ci.yml')) as Workflow;
const scripts = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');

describe.each(workflowFiles)('.github/workflows/%s', (file) => {
  it('is valid against the GitHub workflow schema', () => {
    const { errors } = validateWorkflow(read(`.github/workflows/${file}`));
    expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
  });

  it('pins every action to a major version or a commit', () => {
    const workflow = parse(read(`.github/workflows/${file}`)) as Workflow;
    for (const [name, job] of Object.entries(workflow.jobs)) {
      for (const step of job.steps) {
        if (step.uses)
          expect(step.uses, `${name}: ${step.uses}`).toMatch(
            /^[\w.-]+\/[\w./-]+@(v\d+(\.\d+)*|[0-9a-f]{40})$/,
          );
      }
    }
  });
});

describe('the workflow schema check itself', () => {
  it('rejects a typo', () => {
    const broken = read('.github/workflows/ci.yml').replace('runs-on:', 'run-on:');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });
});

describe('ci.yml', () => {
  it('runs on every push and pull request', () => {
    expect(Object.keys(ci().on).sort()).toEqual(['pull_request', 'push']);
  });

  it('installs, lints and typechecks', () => {
    const all = Object.values(ci().jobs).map(scripts).join('\n');
    expect(all).toMatch(/^npm ci$/m);
    expect(all).toMatch(/npm run lint/);
    expect(all).toMatch(/npm run typecheck/);
  });

  it('tests against PostgreSQL, MariaDB, MongoDB, Redis and RabbitMQ service containers, then in a browser', () => {
    const job = Object.values(ci().jobs).find((candidate) => candidate.services)!;
    const images = Object.values(job.services!).map((service) => service.image.split(':')[0]);
    expect(images.sort()).toEqual(['mariadb', 'mongo', 'postgres', 'rabbitmq', 'redis']);
    for (const [name, service] of Object.entries(job.services!)) {
      expect(service.options, `${name} waits until healthy`).toMatch(/--health-cmd/);
      expect(service.ports?.length, name).toBe(1);
    }
    expect(scripts(job)).toMatch(/npx vitest run/);
    expect(scripts(job)).toMatch(/npx playwright test/);
  });

  it('on main only, builds every image with a buildx cache and pushes it tagged with the SHA and latest', () => {
    const images = ci().jobs.images!;
    expect(images.if).toMatch(/refs\/heads\/main/);
    expect(images.if).toMatch(/github.event_name == 'push'/);
    expect([images.needs].flat().sort()).toEqual(['containers', 'lint', 'test']);
    const uses = images.steps.map((step) => step.uses?.split('@')[0]);
    expect(uses).toEqual(
      expect.arrayContaining([
        'docker/setup-buildx-action',
        'docker/login-action',
        'docker/build-push-action',
      ]),
    );
    const build = images.steps.find((step) => step.uses?.startsWith('docker/build-push-action'))!;
    expect(build.with).toMatchObject({
      context: '.',
      push: true,
      file: 'Dockerfile',
      target: '${{ matrix.image }}',
    });
    expect(String(build.with!['cache-from'])).toMatch(/type=gha/);
    expect(String(build.with!['cache-to'])).toMatch(/type=gha,mode=max/);
    expect(String(build.with!.tags)).toMatch(/:\$\{\{ github\.sha \}\}/);
    expect(String(build.with!.tags)).toMatch(/:latest$/m);
    expect(JSON.stringify(images)).toMatch(/docker\.io\//);
  });

  it('builds the images with Docker, runs them with compose on the real datastores and walks the journeys', () => {
    const job = ci().jobs.containers!;
    const script = scripts(job);
    expect(script).toMatch(/^docker compose build$/m);
    expect(script).toMatch(/docker compose up --detach --wait/);
    expect(script).toMatch(/node scripts\/containers\/journeys\.mjs/);
    expect(script).toMatch(/docker compose down --volumes/);
    // compose.yaml itself brings the datastores: MongoDB 8 among them.
    expect(read('compose.yaml')).toMatch(/^\s+image: mongo:8[\d.]*$/m);
    const override = parse(read('.github/compose.journeys.yaml')) as {
      services: Record<string, { ports?: string[] }>;
    };
    for (const [name, service] of Object.entries(override.services))
      for (const port of service.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
  });

  it('then deploys the prod overlay with kubectl, from secrets written into its gitignored files', () => {
    const deploy = ci().jobs.deploy!;
    expect(deploy.if).toMatch(/refs\/heads\/main/);
    expect([deploy.needs].flat()).toEqual(['images']);
    expect(deploy.environment).toBe('production');
    const script = scripts(deploy);
    expect(script).toMatch(/k8s\/overlays\/prod/);
    expect(script).toMatch(/kubectl apply/);
    expect(script).toMatch(/rollout status/);
    const ignored = read('k8s/overlays/prod/.gitignore');
    for (const file of [...script.matchAll(/> (k8s\/overlays\/prod\/[\w.-]+)/g)].map((m) => m[1]!)) {
      expect(ignored, file).toContain(file.split('/').pop());
    }
  });
});
