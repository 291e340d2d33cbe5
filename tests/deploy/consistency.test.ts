// One deployable, one story everywhere: it has an image, a compose service, a Deployment and a CI matrix entry,
// all on the port of docs/conventions.md, given exactly the variables its own source reads (a misspelt name is
// caught here), every one it cannot run without, and values its own config schema accepts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCompose, serviceEnvironment } from './support/compose.js';
import {
  byKind,
  containerEnvironment,
  containerEnvNames,
  prodSecretFiles,
  render,
  type Workload,
} from './support/kubernetes.js';
import {
  allowedEnv,
  conventionPorts,
  deployables,
  envUsage,
  exists,
  portOf,
  read,
  root,
  type Deployable,
} from './support/repo.js';

const compose = loadCompose();
const overlays = { dev: render('overlays/dev'), prod: render('overlays/prod', prodSecretFiles()) };
const base = render('base');
const ci = parse(read('.github/workflows/ci.yml')) as {
  jobs: Record<string, { strategy?: { matrix: { image: string[] } }; steps: { run?: string }[] }>;
};

const deploymentOf = (objects: typeof base, deployable: Deployable) =>
  byKind<Workload>(objects, 'Deployment').find((deployment) => deployment.metadata.name === deployable.name)!;

/** The address every part uses for another one, by its conventions variable: `http://<name>:<port>`. */
const expectedAddress = new Map(deployables.map((d) => [d.urlEnv, `http://${d.name}:${portOf(d)}`]));

/** Each service's own config loader, run on the environment a container gets. */
const configLoaders: Record<string, string> = {
  'user-service': 'services/user/src/entry-points/config.ts',
  'product-service': 'services/product/src/entry-points/config.ts',
  'order-service': 'services/order/src/entry-points/config.ts',
  'notification-service': 'services/notification/src/entry-points/config.ts',
};
async function loaderFor(deployable: Deployable): Promise<((env: NodeJS.ProcessEnv) => unknown) | undefined> {
  if (deployable.kind === 'gateway') {
    // The gateway image runs configure.sh, which accepts what render.mjs's readConfig accepts (nginx's tests).
    const render = (await import(/* @vite-ignore */ join(root, 'nginx/render.mjs'))) as {
      readConfig: (env: NodeJS.ProcessEnv) => unknown;
    };
    return render.readConfig;
  }
  const path = configLoaders[deployable.name];
  if (!path) return undefined;
  const module = (await import(/* @vite-ignore */ join(root, path))) as Record<string, unknown>;
  const [loader] = Object.entries(module).filter(([name]) => /^load\w+ServiceConfig$/.test(name));
  if (typeof loader?.[1] !== 'function') throw new Error(`${path} exports no load…ServiceConfig function`);
  return loader[1] as (env: NodeJS.ProcessEnv) => unknown;
}

it('the gateway’s templates are rendered without node_modules: nginx/render.mjs imports only Node built-ins', () => {
  const imports = [...read('nginx/render.mjs').matchAll(/^import .* from '([^']+)';$/gm)].map(
    (match) => match[1]!,
  );
  expect(imports.length).toBeGreaterThan(0);
  expect(imports.filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
  expect(exists('nginx/package.json')).toBe(false);
});

it('covers every part of docs/conventions.md’s port table', () => {
  expect([...conventionPorts().keys()].sort()).toEqual(deployables.map((d) => d.conventionName).sort());
  for (const deployable of deployables)
    expect(conventionPorts().get(deployable.conventionName)!.urlEnv).toBe(deployable.urlEnv);
});

describe.each(deployables)('$name', (deployable) => {
  const port = portOf(deployable);
  const usage = envUsage(deployable);
  const allowed = allowedEnv(deployable);

  it('has an image, a compose service, a Deployment in the base and a CI matrix entry', () => {
    // A target of the root Dockerfile, named as the image.
    expect(read('Dockerfile')).toMatch(new RegExp(`^FROM \\S+ AS ${deployable.image}$`, 'm'));

    const service = compose.services[deployable.name]!;
    expect(service.build).toEqual({ context: '.', target: deployable.image });
    expect(service.image).toMatch(new RegExp(`/storefront-${deployable.image}:`));

    expect(deploymentOf(base, deployable).spec.template.spec.containers[0]!.image).toBe(
      `storefront-${deployable.image}`,
    );
    for (const [name, objects] of Object.entries(overlays)) {
      const image = deploymentOf(objects, deployable).spec.template.spec.containers[0]!.image;
      expect(image, name).toMatch(
        new RegExp(`^(docker\\.io/)?storefront/storefront-${deployable.image}:latest$`),
      );
    }

    expect(ci.jobs.images!.strategy!.matrix.image).toContain(deployable.image);
    const deployScript = ci.jobs.deploy!.steps.map((step) => step.run ?? '').join('\n');
    expect(deployScript).toMatch(new RegExp(`\\b${deployable.image}\\b`));
    expect(deployScript).toMatch(new RegExp(`\\b${deployable.name}\\b`));
  });

  it('reads its configuration from the environment (found in its source)', () => {
    expect(usage.reads.size, `no environment read found in ${deployable.sources.join(', ')}`).toBeGreaterThan(
      0,
    );
  });

  describe('compose', () => {
    const env = serviceEnvironment(compose.services[deployable.name]!);

    it('listens on the conventions port on every interface, and its healthcheck asks that port', () => {
      expect(env[deployable.portEnv]).toBe(String(port));
      expect(env[deployable.hostEnv]).toBe('0.0.0.0');
      // The image's healthcheck script asks 127.0.0.1 on the port its environment names (set just above).
      const test = compose.services[deployable.name]!.healthcheck?.test;
      if (deployable.kind === 'gateway') {
        // No Node in the gateway's image: a bash script asks nginx.
        expect(test).toEqual(['CMD', '/usr/local/lib/healthcheck.sh', '/healthz']);
        expect(read('scripts/containers/healthcheck.sh')).toContain(`\${${deployable.portEnv}:-`);
        return;
      }
      expect(test).toEqual([
        'CMD',
        'node',
        '/usr/local/lib/healthcheck.mjs',
        expect.stringMatching(/^\/(healthz|readyz)$/),
      ]);
      expect(read('scripts/containers/healthcheck.mjs')).toContain(`process.env.${deployable.portEnv}`);
    });

    it('sets only variables the part reads, and every one it needs', () => {
      expect(Object.keys(env).filter((name) => !allowed.has(name))).toEqual([]);
      expect([...usage.required].filter((name) => !(name in env))).toEqual([]);
    });

    it('points every address at the right container and port', () => {
      for (const [name, value] of Object.entries(env)) {
        if (expectedAddress.has(name) && name !== 'GATEWAY_URL')
          expect(value, name).toBe(expectedAddress.get(name));
      }
    });

    // Importing a service's built config module can take seconds while the rest of the suite runs beside it.
    it('passes its own config schema', { timeout: 30_000 }, async () => {
      const loader = await loaderFor(deployable);
      if (loader) expect(() => loader(env)).not.toThrow();
    });
  });

  describe.each(Object.keys(overlays))('kubernetes %s', (overlayName) => {
    const objects = overlays[overlayName as keyof typeof overlays];
    const container = () => deploymentOf(objects, deployable).spec.template.spec.containers[0]!;
    const env = () => containerEnvironment(container(), objects).env;

    it('listens on the conventions port on every interface', () => {
      expect(container().ports?.[0]?.containerPort).toBe(port);
      expect(env()[deployable.portEnv]).toBe(String(port));
      expect(env()[deployable.hostEnv]).toBe('0.0.0.0');
    });

    it('sets only variables the part reads, and every one it needs', () => {
      const names = containerEnvNames(container(), objects);
      expect(names.filter((name) => !allowed.has(name))).toEqual([]);
      expect([...usage.required].filter((name) => !names.includes(name))).toEqual([]);
    });

    it('points every address at the right Service and port', () => {
      for (const [name, value] of Object.entries(env())) {
        if (expectedAddress.has(name) && name !== 'GATEWAY_URL')
          expect(value, name).toBe(expectedAddress.get(name));
      }
    });

    it('passes its own config schema', async () => {
      const loader = await loaderFor(deployable);
      if (loader) expect(() => loader(env())).not.toThrow();
    });
  });
});
