import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { problems } from '@storefront/service-kit';
import type { ServiceMetrics } from '../metrics.js';
import { METRICS, READINESS } from '../tokens.js';

export type ReadinessChecks = Record<string, () => Promise<unknown>>;

const READINESS_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@Controller()
export class HealthController {
  constructor(
    @Inject(READINESS) private readonly checks: ReadinessChecks,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
  ) {}

  /** Alive: the process answers. */
  @Get('healthz')
  @Header('Cache-Control', 'no-store')
  healthz() {
    return { status: 'ok' };
  }

  /** Ready: Redis and the broker answer; 503 problem+json naming the failing ones otherwise. */
  @Get('readyz')
  @Header('Cache-Control', 'no-store')
  async readyz() {
    const results = await Promise.all(
      Object.entries(this.checks).map(async ([check, probe]) => {
        try {
          await withTimeout(Promise.resolve().then(probe), READINESS_TIMEOUT_MS);
          return [check, 'ok'] as const;
        } catch (error) {
          return [check, error instanceof Error ? error.message : 'failed'] as const;
        }
      }),
    );
    const failing = results.filter(([, state]) => state !== 'ok');
    if (failing.length === 0) return { status: 'ready', checks: Object.fromEntries(results) };
    const problem = problems.serviceUnavailable(`Not ready: ${failing.map(([check]) => check).join(', ')}.`);
    Object.assign(problem.extra, { checks: Object.fromEntries(results) });
    throw problem;
  }

  @Get('metrics')
  async prometheus(@Res() res: Response) {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
