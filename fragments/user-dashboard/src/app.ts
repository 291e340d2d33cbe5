import type { SessionVerifier } from '@storefront/auth';
import { angularAssets, type PodletAppOptions } from '@storefront/podlet-kit';
import type { Logger } from '@storefront/service-kit';
import { dashboardContent } from './dashboard-page.js';
import { dashboardFallback } from './fallback.js';
import type { RenderDashboard } from './render-contract.js';

export const PODLET_NAME = 'user-dashboard';

export interface DashboardPodletOptions {
  orderServiceUrl: string;
  userServiceUrl: string;
  notificationServiceUrl: string;
  sessionVerifier: SessionVerifier;
  logger: Logger;
  /** The Angular browser build (dist/angular/browser). */
  browserDir: string;
  render: RenderDashboard;
  ordersTimeoutMs?: number;
  upstreamTimeoutMs?: number;
}

export function dashboardPodlet(options: DashboardPodletOptions): PodletAppOptions {
  return {
    name: PODLET_NAME,
    version: '0.1.0',
    logger: options.logger,
    assets: angularAssets(options.browserDir),
    // Each answer says whether it is public (signed out: the same forms for everyone) or the visitor's own.
    sessionVerifier: options.sessionVerifier,
    content: dashboardContent({
      orderServiceUrl: options.orderServiceUrl,
      userServiceUrl: options.userServiceUrl,
      notificationServiceUrl: options.notificationServiceUrl,
      render: options.render,
      ...(options.ordersTimeoutMs ? { ordersTimeoutMs: options.ordersTimeoutMs } : {}),
      ...(options.upstreamTimeoutMs ? { upstreamTimeoutMs: options.upstreamTimeoutMs } : {}),
    }),
    fallback: dashboardFallback,
  };
}
