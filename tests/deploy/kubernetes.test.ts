// k8s/: both overlays render with kubectl's kustomize (offline), every object is valid Kubernetes (schemas and no
// unknown field), and the manifests do what the issue asks: probes, resources, HPA, PDB, zero-downtime rollouts,
// locked-down pods, secrets never committed, datastores in dev only, and NetworkPolicies with only the design's arrows.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  byKind,
  containerEnvironment,
  kustomizeVersion,
  prodSecretFiles,
  render,
  unknownFieldErrors,
  validationErrors,
  type K8sObject,
  type Workload,
} from './support/kubernetes.js';
import { PolicySet, type Endpoint } from './support/network-policy.js';
import { deployables, exists, portOf, read } from './support/repo.js';

const prodFiles = prodSecretFiles();

const overlays = {
  dev: { namespace: 'storefront-dev', render: () => render('overlays/dev') },
  prod: { namespace: 'storefront', render: () => render('overlays/prod', prodFiles) },
} as const;

const rendered: Record<string, K8sObject[]> = {};
beforeAll(() => {
  const version = kustomizeVersion();
  if (!/^v[4-9]|^v\d{2,}/.test(version)) {
    throw new Error(
      `kubectl's kustomize is ${version}; the overlays need v4 or newer (kubectl 1.21+). Debian's kubernetes-client ` +
        '1.20 is too old: install a current kubectl.',
    );
  }
  for (const [name, overlay] of Object.entries(overlays)) rendered[name] = overlay.render();
});

describe('kustomize', () => {
  it('renders the base on its own, without any Secret (those come only from the overlays)', () => {
    const base = render('base');
    expect(byKind(base, 'Deployment')).toHaveLength(deployables.length);
    expect(byKind(base, 'Secret')).toEqual([]);
  });

  it('cannot render prod without its gitignored secret files, and they are gitignored', () => {
    expect(() => render('overlays/prod')).toThrow();
    const ignored = read('k8s/overlays/prod/.gitignore');
    for (const file of ['secrets.env', 'auth-private.pem', 'auth-public.pem']) {
      expect(ignored).toMatch(new RegExp(`^${file.replace('.', '\\.')}$`, 'm'));
      expect(exists(`k8s/overlays/prod/${file}`), `${file} must never be committed`).toBe(false);
    }
  });
});

for (const [overlayName, overlay] of Object.entries(overlays)) {
  describe(`overlay ${overlayName}`, () => {
    const objects = () => rendered[overlayName]!;
    const workloads = () => [
      ...byKind<Workload>(objects(), 'Deployment'),
      ...byKind<Workload>(objects(), 'StatefulSet'),
    ];

    it('every rendered object validates against the Kubernetes schemas and has no unknown field', async () => {
      expect(objects().length).toBeGreaterThan(40);
      const problems: string[] = [];
      for (const object of objects()) {
        for (const error of await validationErrors(object)) {
          problems.push(`${object.kind}/${object.metadata.name}: ${error}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('puts everything but the Namespace into its namespace', () => {
      for (const object of objects()) {
        if (object.kind === 'Namespace') expect(object.metadata.name).toBe(overlay.namespace);
        else
          expect(object.metadata.namespace, `${object.kind}/${object.metadata.name}`).toBe(overlay.namespace);
      }
      const namespace = byKind(objects(), 'Namespace')[0]!;
      expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    });

    it('has one Deployment, Service, HPA and PDB per deployable, on the conventions port', () => {
      for (const deployable of deployables) {
        const port = portOf(deployable);
        const deployment = byKind<Workload>(objects(), 'Deployment').find(
          (d) => d.metadata.name === deployable.name,
        );
        expect(deployment, deployable.name).toBeDefined();
        const container = deployment!.spec.template.spec.containers[0]!;
        expect(container.ports?.[0]?.containerPort).toBe(port);
        expect(container.image).toMatch(new RegExp(`storefront-${deployable.image}:[\\w.-]+$`));

        const service = byKind<
          K8sObject & { spec: { selector: Record<string, string>; ports: { port: number }[] } }
        >(objects(), 'Service').find((s) => s.metadata.name === deployable.name);
        expect(service?.spec.ports[0]?.port).toBe(port);
        for (const [key, value] of Object.entries(service!.spec.selector)) {
          expect(deployment!.spec.template.metadata.labels[key]).toBe(value);
        }

        const hpa = byKind<
          K8sObject & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number } }
        >(objects(), 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === deployable.name);
        expect(hpa?.spec.scaleTargetRef.kind).toBe('Deployment');
        expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(overlayName === 'prod' ? 2 : 1);
        // The HPA owns the replica count: a Deployment that sets one would be reset by every apply.
        expect(deployment!.spec.replicas).toBeUndefined();

        const pdb = byKind<K8sObject & { spec: { selector: { matchLabels: Record<string, string> } } }>(
          objects(),
          'PodDisruptionBudget',
        ).find((p) => selectsAll(p.spec.selector.matchLabels, deployment!.spec.template.metadata.labels));
        expect(pdb, `PodDisruptionBudget for ${deployable.name}`).toBeDefined();
      }
    });

    it('probes every part: startup and liveness on /healthz, readiness on /readyz (nginx: /healthz)', () => {
      for (const deployable of deployables) {
        const deployment = byKind<Workload>(objects(), 'Deployment').find(
          (d) => d.metadata.name === deployable.name,
        )!;
        const container = deployment.spec.template.spec.containers[0]!;
        expect(container.startupProbe?.httpGet?.path).toBe('/healthz');
        expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
        expect(container.readinessProbe?.httpGet?.path).toBe(
          deployable.kind === 'gateway' ? '/healthz' : '/readyz',
        );
        for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
          expect(['http', portOf(deployable)]).toContain(probe?.httpGet?.port);
        }
      }
    });

    it('rolls out with zero downtime: maxUnavailable 0, a preStop pause, enough grace to drain', () => {
      for (const deployment of byKind<Workload>(objects(), 'Deployment')) {
        const { strategy, template } = deployment.spec;
        expect(strategy?.type, deployment.metadata.name).toBe('RollingUpdate');
        expect(strategy?.rollingUpdate?.maxUnavailable).toBe(0);
        expect(Number(strategy?.rollingUpdate?.maxSurge)).toBeGreaterThan(0);
        const preStop = template.spec.containers[0]!.lifecycle?.preStop;
        const pause = preStop?.sleep?.seconds ?? Number(preStop?.exec?.command.at(-1));
        expect(pause).toBeGreaterThan(0);
        expect(template.spec.terminationGracePeriodSeconds).toBeGreaterThan(pause + 15);
      }
    });

    it('runs every pod locked down: non-root, read-only root, no privilege escalation, no capabilities', () => {
      for (const workload of workloads()) {
        const { spec } = workload.spec.template;
        const name = `${workload.kind}/${workload.metadata.name}`;
        expect(spec.securityContext?.runAsNonRoot, name).toBe(true);
        expect(spec.securityContext?.seccompProfile?.type, name).toBe('RuntimeDefault');
        expect(spec.automountServiceAccountToken, name).toBe(false);
        // Otherwise every Service injects <NAME>_PORT=tcp://… (a Service named gateway → GATEWAY_PORT).
        expect(spec.enableServiceLinks, name).toBe(false);
        for (const container of spec.containers) {
          expect(container.securityContext?.allowPrivilegeEscalation, name).toBe(false);
          expect(container.securityContext?.privileged ?? false, name).toBe(false);
          expect(container.securityContext?.capabilities?.drop, name).toEqual(['ALL']);
          expect(container.securityContext?.capabilities?.add ?? [], name).toEqual([]);
          expect(container.resources?.requests?.cpu, name).toBeDefined();
          expect(container.resources?.requests?.memory, name).toBeDefined();
          expect(container.resources?.limits?.memory, name).toBeDefined();
          if (workload.kind === 'Deployment') {
            expect(container.securityContext?.readOnlyRootFilesystem, name).toBe(true);
            // A writable /tmp (and nginx's prefix /tmp/nginx, Next.js' cache) on an emptyDir.
            const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
            const volume = spec.volumes?.find((candidate) => candidate.name === tmp?.name);
            expect(volume?.emptyDir, `${name}: /tmp emptyDir`).toBeDefined();
          }
        }
      }
      const layout = byKind<Workload>(objects(), 'Deployment').find((d) => d.metadata.name === 'layout')!;
      expect(layout.spec.template.spec.containers[0]!.volumeMounts?.map((m) => m.mountPath)).toContain(
        '/app/layout/.next/cache',
      );
      const gateway = byKind<Workload>(objects(), 'Deployment').find((d) => d.metadata.name === 'gateway')!;
      const { env } = containerEnvironment(gateway.spec.template.spec.containers[0]!, objects());
      expect(env.NGINX_PREFIX).toMatch(/^\/tmp\//);
    });

    it('resolves every ConfigMap and Secret reference of every container', () => {
      for (const workload of workloads()) {
        for (const container of workload.spec.template.spec.containers) {
          expect(containerEnvironment(container, objects()).problems, workload.metadata.name).toEqual([]);
        }
      }
    });

    it('routes the Ingress to the gateway Service', () => {
      const [ingress] = byKind<
        K8sObject & {
          spec: {
            rules: {
              http: { paths: { path: string; backend: { service: { name: string; port: unknown } } }[] };
            }[];
          };
        }
      >(objects(), 'Ingress');
      const paths = ingress!.spec.rules.flatMap((rule) => rule.http.paths);
      expect(paths.map((path) => path.backend.service.name)).toEqual(['gateway']);
      expect(paths[0]!.path).toBe('/');
      if (overlayName === 'prod') expect(ingress!.spec).toHaveProperty('tls');
    });

    it(
      overlayName === 'dev' ? 'runs the datastores as StatefulSets' : 'has no datastore (managed services)',
      () => {
        const statefulSets = byKind<Workload>(objects(), 'StatefulSet')
          .map((s) => s.metadata.name)
          .sort();
        expect(statefulSets).toEqual(
          overlayName === 'dev' ? ['mariadb', 'mongo', 'postgres', 'rabbitmq', 'redis'] : [],
        );
      },
    );

    it('pins every image to a tag (the deploy job pins ours to the commit)', () => {
      for (const workload of workloads()) {
        for (const container of workload.spec.template.spec.containers) {
          expect(container.image, workload.metadata.name).toMatch(/^[\w./-]+:[\w.-]+$/);
          if (workload.kind === 'StatefulSet') expect(container.image).not.toMatch(/:latest$/);
        }
      }
    });

    it('gives the stateless parts and only them an HPA', () => {
      const scaled = byKind<K8sObject & { spec: { scaleTargetRef: { name: string } } }>(
        objects(),
        'HorizontalPodAutoscaler',
      )
        .map((h) => h.spec.scaleTargetRef.name)
        .sort();
      expect(scaled).toEqual(deployables.map((d) => d.name).sort());
    });

    describe('NetworkPolicies', () => {
      const namespaceLabels = { 'kubernetes.io/metadata.name': overlay.namespace };
      const pod = (labels: Record<string, string>): Endpoint => ({
        pod: true,
        namespace: overlay.namespace,
        namespaceLabels,
        labels,
      });
      const workloadPods = () =>
        workloads().map((workload) => ({
          name: workload.metadata.name,
          endpoint: pod(workload.spec.template.metadata.labels),
          ports: workload.spec.template.spec.containers.flatMap((c) =>
            (c.ports ?? []).map((p) => p.containerPort),
          ),
        }));
      const services = ['user-service', 'product-service', 'order-service', 'notification-service'];
      const podlets = ['user-dashboard', 'product-catalog', 'order-management'];
      const stores: Record<string, string[]> = {
        // Redis for user and order: the session registry (revocations, current roles) every service reads.
        'user-service': ['mongo', 'redis', 'rabbitmq'],
        'product-service': ['postgres', 'redis', 'rabbitmq'],
        'order-service': ['mariadb', 'redis', 'rabbitmq'],
        'notification-service': ['redis', 'rabbitmq'],
      };
      /** The design's arrows, and nothing else. */
      const arrows = new Set([
        ...['layout', ...podlets, ...services].map((to) => `gateway→${to}`),
        ...podlets.map((to) => `layout→${to}`),
        // The layout's own product lookups (404 status of a missing product, sitemap.xml).
        'layout→product-service',
        // The layout asks whether a signed session is still live before it shows a visitor as signed in.
        'layout→user-service',
        ...podlets.flatMap((from) => services.map((to) => `${from}→${to}`)),
        'order-service→product-service',
        ...(overlayName === 'dev'
          ? Object.entries(stores).flatMap(([from, targets]) => targets.map((to) => `${from}→${to}`))
          : []),
      ]);

      it('deny by default', () => {
        const denyAll = byKind<
          K8sObject & {
            spec: { podSelector: object; policyTypes: string[]; ingress?: unknown; egress?: unknown };
          }
        >(objects(), 'NetworkPolicy').find(
          (p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress,
        );
        expect(denyAll?.spec.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
      });

      it('allow exactly the design arrows between the pods', () => {
        const policies = new PolicySet(objects(), overlay.namespace);
        const allowed: string[] = [];
        for (const from of workloadPods()) {
          for (const to of workloadPods()) {
            if (from.name === to.name) continue;
            if (to.ports.some((port) => policies.allows(from.endpoint, to.endpoint, port))) {
              allowed.push(`${from.name}→${to.name}`);
            }
          }
        }
        expect(allowed.sort()).toEqual([...arrows].sort());
      });

      it('let every pod resolve names, and only the ingress controller reach the gateway from outside', () => {
        const policies = new PolicySet(objects(), overlay.namespace);
        const dns: Endpoint = {
          pod: true,
          namespace: 'kube-system',
          namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
          labels: { 'k8s-app': 'kube-dns' },
        };
        const controller: Endpoint = {
          pod: true,
          namespace: 'ingress-nginx',
          namespaceLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
          labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
        };
        const stranger: Endpoint = { pod: true, namespace: 'other', namespaceLabels: {}, labels: {} };
        for (const { name, endpoint, ports } of workloadPods()) {
          expect(policies.allows(endpoint, dns, 53, 'UDP'), `${name} → DNS`).toBe(true);
          const reachable = ports.some((port) => policies.allows(controller, endpoint, port));
          expect(reachable, `ingress controller → ${name}`).toBe(name === 'gateway');
          expect(
            ports.some((port) => policies.allows(stranger, endpoint, port)),
            `other namespace → ${name}`,
          ).toBe(false);
          // Nothing else leaves the namespace (prod: the managed datastores' private range, below).
          expect(policies.allows(endpoint, { pod: false, ip: '1.1.1.1' }, 443), `${name} → internet`).toBe(
            false,
          );
        }
      });

      if (overlayName === 'prod') {
        it('let each service reach only its managed datastores (private range)', () => {
          const policies = new PolicySet(objects(), overlay.namespace);
          const ports: Record<string, number> = {
            mongo: 27017,
            postgres: 5432,
            mariadb: 3306,
            redis: 6379,
            rabbitmq: 5672,
          };
          const managed: Endpoint = { pod: false, ip: '10.20.30.40' };
          for (const { name, endpoint } of workloadPods()) {
            for (const [store, port] of Object.entries(ports)) {
              const expected = stores[name]?.includes(store) ?? false;
              expect(policies.allows(endpoint, managed, port), `${name} → managed ${store}`).toBe(expected);
            }
          }
        });
      }
    });
  });
}

describe('secrets', () => {
  it('dev uses placeholder values that say so; prod uses whatever the gitignored files hold', () => {
    const devSecrets = byKind<K8sObject & { data: Record<string, string> }>(rendered.dev!, 'Secret');
    const passwords = devSecrets.flatMap((secret) =>
      Object.entries(secret.data)
        .filter(([key]) => /PASS|SECRET|_URL$/.test(key))
        .map(
          ([key, value]) =>
            [`${secret.metadata.name}.${key}`, Buffer.from(value, 'base64').toString()] as const,
        ),
    );
    expect(passwords.length).toBeGreaterThan(5);
    for (const [key, value] of passwords) expect(value, key).toMatch(/dev-only/);
    expect(read('k8s/overlays/dev/secrets.dev.env')).toMatch(/DEV ONLY/);

    const [prodSecret] = byKind<K8sObject & { data: Record<string, string> }>(rendered.prod!, 'Secret');
    expect(Buffer.from(prodSecret!.data.AUTH_PUBLIC_KEY!, 'base64').toString()).toBe(
      prodFiles['overlays/prod/auth-public.pem'],
    );
  });
});

describe('the validator itself', () => {
  it('catches a typo in a field name', async () => {
    const deployment = structuredClone(byKind<Workload>(rendered.dev!, 'Deployment')[0]!) as unknown as {
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    const container = deployment.spec.template.spec.containers[0]!;
    container.imagePullPolicyy = container.imagePullPolicy;
    delete container.imagePullPolicy;
    const errors = unknownFieldErrors(deployment as unknown as K8sObject);
    expect(errors.join('\n')).toMatch(/imagePullPolicyy: unknown field/);
  });

  it('catches a wrong type and a missing required field', async () => {
    const service = structuredClone(byKind(rendered.dev!, 'Service')[0]!) as K8sObject & {
      spec: { ports: Record<string, unknown>[] };
    };
    service.spec.ports[0]!.port = 'eighty';
    expect((await validationErrors(service)).length).toBeGreaterThan(0);
    const hpa = structuredClone(byKind(rendered.dev!, 'HorizontalPodAutoscaler')[0]!) as K8sObject & {
      spec: Record<string, unknown>;
    };
    delete hpa.spec.maxReplicas;
    expect((await validationErrors(hpa)).join('\n')).toMatch(/maxReplicas/);
  });
});

function selectsAll(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
