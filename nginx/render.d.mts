// Types of render.mjs, for the tests that import it.
export interface FragmentPolicy {
  name: string;
  urlEnv: string;
  port: number;
  budgetMs: number;
  personalCookies: string[];
  sharedPaths?: string[];
}
export interface ServicePolicy {
  prefix: string;
  urlEnv: string;
  port: number;
  cache: 'public' | 'private';
}
export const fragments: FragmentPolicy[];
export const services: ServicePolicy[];
export const personalInclude: { path: string; budgetMs: number; personalCookies: string[] };
export const contentSecurityPolicy: string;
export const CSRF_TOKEN_NGINX: string;
export function gatewayStamps(prefix: string): { nonce: string; csrf: string };
export function cspDirectives(scriptSrc?: string): string;
export interface GatewayConfig {
  prefix: string;
  host: string;
  port: number;
  [key: string]: unknown;
}
export function readConfig(env?: Record<string, string | undefined>): GatewayConfig;
export function renderNginxConf(config: GatewayConfig): string;
export function render(env?: Record<string, string | undefined>): { file: string; config: GatewayConfig };
export interface ApiRoute {
  method: string;
  path: string;
  rateLimited: boolean;
}
export const apiRoutes: Record<string, ApiRoute[]>;
/** The template files configure.sh chooses from by GATEWAY_CACHE (`on` / `off`). */
export const templateFiles: { on: string; off: string };
/** Writes the gateway image's templates (a placeholder for every deployment value) into `dir`; their paths. */
export function writeTemplates(dir: string): string[];
export function templateConfig(options?: { cache?: boolean }): GatewayConfig;
export function upstreamToken(envName: string, port: number): string;
