// The gateway image renders nginx.conf as templates at build time and fills them in with configure.sh (POSIX sh,
// no Node) at start; on a laptop render.mjs writes it directly. Both read the same environment: these tests render
// it both ways and compare, refuse the same bad values, and run nginx on what configure.sh wrote.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig, render, writeTemplates } from '../render.mjs';
import { get, startGateway, startStub, type Gateway, type Stub } from './gateway.js';

const nginxDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const prefixes: string[] = [];
// The templates as the image build writes them, once for every test here.
const templates = mkdtempSync(join(tmpdir(), 'sf-templates-'));
beforeAll(() => {
  writeTemplates(templates);
});
afterAll(() => {
  for (const prefix of [...prefixes, templates]) rmSync(prefix, { recursive: true, force: true });
});

function newPrefix(): string {
  const prefix = mkdtempSync(join(tmpdir(), 'sf-configure-'));
  prefixes.push(prefix);
  return prefix;
}

/** Only what a container is given: no variable of this machine leaks into either rendering. */
const environment = (prefix: string, env: Record<string, string>) => ({
  PATH: process.env.PATH,
  NGINX_PREFIX: prefix,
  // A file that exists: neither rendering warns about it.
  STORE_BUNDLE_PATH: join(nginxDir, 'api-routes.json'),
  ...env,
});

/** What `node render.mjs` prints when it refuses an environment (it renders nothing then). */
function refusalOfNode(env: NodeJS.ProcessEnv): string | undefined {
  try {
    readConfig(env);
    return undefined;
  } catch (error) {
    return `[gateway] ${(error as Error).message}\n`;
  }
}

/** The image's start: configure.sh fills the templates in (with a shell: no Node there). */
const configure = (env: NodeJS.ProcessEnv) =>
  spawnSync('sh', [join(nginxDir, 'configure.sh'), templates], { env, encoding: 'utf8' });

const cases: Record<string, Record<string, string>> = {
  'the defaults': {},
  'compose’s settings': {
    GATEWAY_HOST: '0.0.0.0',
    GATEWAY_PORT: '8080',
    GATEWAY_WORKERS: '2',
    LAYOUT_URL: 'http://layout:3000',
    USER_DASHBOARD_URL: 'http://user-dashboard:7101',
    PRODUCT_CATALOG_URL: 'http://product-catalog:7102',
    ORDER_MANAGEMENT_URL: 'http://order-management:7103',
    USER_SERVICE_URL: 'http://user-service:7201',
    PRODUCT_SERVICE_URL: 'http://product-service:7202',
    ORDER_SERVICE_URL: 'http://order-service:7203',
    NOTIFICATION_SERVICE_URL: 'http://notification-service:7204',
    GATEWAY_TRUSTED_PROXIES: '',
  },
  'every other value a deployment may set': {
    GATEWAY_HOST: '[::]',
    GATEWAY_PORT: '18080',
    LAYOUT_URL: 'http://Layout.Storefront.svc:3000/',
    PRODUCT_CATALOG_URL: 'http://[::1]:7102',
    ORDER_SERVICE_URL: 'http://orders.internal',
    GATEWAY_TRUSTED_PROXIES: ' 10.0.0.0/8, 192.168.1.7 ,,fd00::/8',
    AUTH_RATE_LIMIT: '5r/s',
    AUTH_RATE_BURST: '0',
    GATEWAY_CACHE: 'off',
    COOKIE_SECURE: 'false',
    GATEWAY_ACCESS_LOG: 'off',
    GATEWAY_LOG_SUBREQUESTS: 'on',
    GATEWAY_WORKERS: '3',
    NGINX_USER: 'nobody nogroup',
  },
  'an access log file and the cache on': {
    GATEWAY_ACCESS_LOG: '/tmp/gateway-access.log',
    GATEWAY_CACHE: 'on',
  },
};

describe('configure.sh', () => {
  it.each(Object.entries(cases))(
    'when the environment holds %s, it writes the nginx.conf render.mjs writes',
    (_, env) => {
      const prefix = newPrefix();
      const { file } = render(environment(prefix, env));
      const expected = readFileSync(file, 'utf8');
      rmSync(file);

      const fromTemplate = configure(environment(prefix, env));

      expect(fromTemplate.stderr).toBe('');
      expect(fromTemplate.status).toBe(0);
      expect(readFileSync(join(prefix, 'nginx.conf'), 'utf8')).toBe(expected);
    },
  );

  it.each([
    ['LAYOUT_URL', 'https://layout:3000'],
    ['LAYOUT_URL', 'http://user@layout:3000'],
    ['PRODUCT_SERVICE_URL', 'http://product:70000'],
    ['GATEWAY_PORT', '0'],
    ['GATEWAY_PORT', '8080; include /etc/passwd'],
    ['GATEWAY_HOST', '0.0.0.0:80 default_server'],
    ['GATEWAY_TRUSTED_PROXIES', '10.0.0.0/8,everyone'],
    ['AUTH_RATE_LIMIT', '10 per minute'],
    ['AUTH_RATE_BURST', '-1'],
    ['GATEWAY_CACHE', 'yes'],
    ['GATEWAY_WORKERS', 'auto;'],
    ['GATEWAY_ACCESS_LOG', '/dev/stdout sf_json|x'],
    ['NGINX_PREFIX', '/tmp/a prefix'],
    ['NGINX_USER', 'root;'],
  ])('when %s is %j, it refuses to start with the message render.mjs gives', (name, value) => {
    const prefix = newPrefix();
    const env = environment(prefix, { [name]: value });
    const refusal = refusalOfNode(env);

    const fromTemplate = configure(env);

    expect(fromTemplate.status).toBe(1);
    expect(fromTemplate.stderr).toBe(refusal);
    expect(fromTemplate.stderr).toContain(name);
  });

  it('when the prefix has no placeholders yet, it makes random ones, private to the gateway and kept across starts', () => {
    const [first, second] = [newPrefix(), newPrefix()];

    configure(environment(first, {}));
    const kept = readFileSync(join(first, 'stamps.json'), 'utf8');
    configure(environment(first, {}));
    configure(environment(second, {}));

    expect(JSON.parse(kept)).toEqual({
      nonce: expect.stringMatching(/^sfnonce[0-9a-f]{32}$/),
      csrf: expect.stringMatching(/^sfcsrf[0-9a-f]{32}$/),
    });
    expect(statSync(join(first, 'stamps.json')).mode & 0o077).toBe(0);
    expect(readFileSync(join(first, 'stamps.json'), 'utf8')).toBe(kept);
    expect(readFileSync(join(second, 'stamps.json'), 'utf8')).not.toBe(kept);
    expect(readFileSync(join(first, 'nginx.conf'), 'utf8')).toContain(JSON.parse(kept).nonce);
  });

  describe('when nginx runs the configuration it wrote', () => {
    let layout: Stub;
    let gateway: Gateway;
    beforeAll(async () => {
      layout = await startStub((req, res) => {
        res.writeHead(200, {
          'content-type': 'text/html',
          'x-csp-nonce-seen': String(req.headers['x-csp-nonce']),
        });
        res.end('<!doctype html><p>the layout</p>');
      });
      gateway = await startGateway({ LAYOUT_URL: layout.url }, { templates: true });
    });
    afterAll(async () => {
      await gateway?.stop();
      await layout?.close();
    });

    it('answers its health check and passes a page on from the layout', async () => {
      const health = await get(`${gateway.url}/healthz`);
      const page = await get(`${gateway.url}/`);

      expect(health.status).toBe(200);
      expect(page.status).toBe(200);
      expect(page.body).toContain('the layout');
      expect(layout.requests[0]!.headers['x-csp-nonce']).toMatch(/^sfnonce[0-9a-f]{32}$/);
    });
  });
});
