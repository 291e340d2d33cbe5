// A small evaluator of Kubernetes NetworkPolicy semantics (networking.k8s.io/v1): is a TCP connection from one
// endpoint to another on a port allowed? Enough to check the rendered policies against the design's arrows.
import type { K8sObject } from './kubernetes.js';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
}
interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PolicyPort[];
}
interface NetworkPolicy extends K8sObject {
  spec: { podSelector: LabelSelector; policyTypes?: string[]; ingress?: Rule[]; egress?: Rule[] };
}

/** A pod (namespace + labels + its named ports) or an address outside the cluster. */
export type Endpoint =
  | { pod: true; namespace: string; namespaceLabels: Record<string, string>; labels: Record<string, string> }
  | { pod: false; ip: string };

export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    if (labels[key] !== value) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const value = labels[expression.key];
    const values = expression.values ?? [];
    if (expression.operator === 'In' && (value === undefined || !values.includes(value))) return false;
    if (expression.operator === 'NotIn' && value !== undefined && values.includes(value)) return false;
    if (expression.operator === 'Exists' && value === undefined) return false;
    if (expression.operator === 'DoesNotExist' && value !== undefined) return false;
  }
  return true;
}

const ipToNumber = (ip: string) => ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const prefix = (address: string) => Math.floor(ipToNumber(address) / 2 ** (32 - Number(bits)));
  return prefix(ip) === prefix(base!);
}

function peerMatches(peer: Peer, endpoint: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    if (endpoint.pod) return false; // pod traffic is matched by selectors (ipBlock is meant for the outside)
    return (
      inCidr(endpoint.ip, peer.ipBlock.cidr) &&
      !(peer.ipBlock.except ?? []).some((c) => inCidr(endpoint.ip, c))
    );
  }
  if (!endpoint.pod) return false;
  if (peer.namespaceSelector) {
    if (!selects(peer.namespaceSelector, endpoint.namespaceLabels)) return false;
  } else if (endpoint.namespace !== policyNamespace) {
    return false;
  }
  return selects(peer.podSelector, endpoint.labels);
}

function portMatches(ports: PolicyPort[] | undefined, port: number, protocol: string): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((candidate) => {
    if ((candidate.protocol ?? 'TCP') !== protocol) return false;
    if (candidate.port === undefined) return true;
    if (typeof candidate.port === 'string') return false; // named ports are not used in this repo
    return candidate.endPort ? port >= candidate.port && port <= candidate.endPort : port === candidate.port;
  });
}

export class PolicySet {
  private readonly policies: NetworkPolicy[];
  constructor(
    objects: K8sObject[],
    private readonly namespace: string,
  ) {
    this.policies = objects.filter((object) => object.kind === 'NetworkPolicy') as NetworkPolicy[];
  }

  private applying(endpoint: Endpoint, direction: 'Ingress' | 'Egress'): NetworkPolicy[] {
    if (!endpoint.pod || endpoint.namespace !== this.namespace) return [];
    return this.policies.filter((policy) => {
      const types =
        policy.spec.policyTypes ?? (direction === 'Egress' && policy.spec.egress ? ['Egress'] : ['Ingress']);
      return types.includes(direction) && selects(policy.spec.podSelector, endpoint.labels);
    });
  }

  /** Whether `from` may open a connection to `to` on `port` (both directions' policies must allow it). */
  allows(from: Endpoint, to: Endpoint, port: number, protocol = 'TCP'): boolean {
    const egress = this.applying(from, 'Egress');
    const egressOk =
      egress.length === 0 ||
      egress.some((policy) =>
        (policy.spec.egress ?? []).some(
          (rule) =>
            (!rule.to ||
              rule.to.length === 0 ||
              rule.to.some((peer) => peerMatches(peer, to, this.namespace))) &&
            portMatches(rule.ports, port, protocol),
        ),
      );
    const ingress = this.applying(to, 'Ingress');
    const ingressOk =
      ingress.length === 0 ||
      ingress.some((policy) =>
        (policy.spec.ingress ?? []).some(
          (rule) =>
            (!rule.from ||
              rule.from.length === 0 ||
              rule.from.some((peer) => peerMatches(peer, from, this.namespace))) &&
            portMatches(rule.ports, port, protocol),
        ),
      );
    return egressOk && ingressOk;
  }
}
