import {
  Catch,
  HttpException,
  NotFoundException,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { HttpProblem, sendProblem, type Logger } from '@storefront/service-kit';

interface ExposedClientError {
  status?: number;
  expose?: boolean;
  message?: string;
}

function isExposedClientError(error: unknown): error is ExposedClientError & { status: number } {
  const candidate = error as ExposedClientError | null;
  return (
    typeof candidate?.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    candidate.expose === true
  );
}

/**
 * Every error, from a route, a guard or an Express middleware, leaves as RFC 7807 problem+json. Only problems
 * meant for the client explain themselves; anything else is logged and answered with a plain 500.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const problem = this.toProblem(exception, req);
    if (res.headersSent) {
      res.end();
      return;
    }
    sendProblem(res, problem, req.originalUrl);
  }

  private toProblem(exception: unknown, req: Request): HttpProblem {
    if (exception instanceof HttpProblem) return exception;
    // This service throws no NotFoundException of its own: it is Nest saying no route matched.
    if (exception instanceof NotFoundException) {
      return new HttpProblem(404, undefined, `No route for ${req.method} ${req.path}.`);
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return new HttpProblem(exception.getStatus(), undefined, exception.message);
    }
    if (isExposedClientError(exception)) {
      return new HttpProblem(
        exception.status,
        undefined,
        exception.message ?? 'The request could not be read.',
      );
    }
    this.logger.error({ err: exception, requestId: req.id }, 'unhandled error');
    return new HttpProblem(500, undefined, 'Something went wrong on our side. Please try again.');
  }
}
