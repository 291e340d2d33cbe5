import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

export interface FieldError {
  path: string;
  message: string;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** An error that is meant for the client: its status, title and detail are safe to show. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string = titles[status] ?? 'Error',
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  toJSON(instance?: string) {
    return {
      type: `https://storefront.dev/problems/${this.status}`,
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...this.extra,
    };
  }
}

const make = (status: number) => (detail?: string) => new HttpProblem(status, titles[status], detail);

export const problems = {
  badRequest: (detail: string, errors?: FieldError[]) =>
    new HttpProblem(400, titles[400], detail, errors ? { errors } : {}),
  unauthorized: (detail = 'Sign in to continue.') => new HttpProblem(401, titles[401], detail),
  forbidden: (detail = 'You are not allowed to do this.') => new HttpProblem(403, titles[403], detail),
  notFound: make(404),
  conflict: make(409),
  gone: make(410),
  unprocessable: make(422),
  tooManyRequests: make(429),
  badGateway: make(502),
  serviceUnavailable: make(503),
};

/** Where a request that wants its failure answered another way than problem+json leaves the way (res.locals). */
export const FAILED_FORM_ANSWER = 'answerFailedForm';
export type FailedFormAnswer = (problem: HttpProblem) => void;

export function sendProblem(
  res: Parameters<RequestHandler>[1],
  problem: HttpProblem,
  instance?: string,
): void {
  // A browser's plain form post gets a page back, not JSON (set by formPostRedirects, see form-posts.ts).
  const answerFailedForm: unknown = res.locals[FAILED_FORM_ANSWER];
  if (typeof answerFailedForm === 'function') {
    (answerFailedForm as FailedFormAnswer)(problem);
    return;
  }
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify(problem.toJSON(instance)));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, problems.notFound(`No route for ${req.method} ${req.path}.`), req.originalUrl);
};

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message?: string;
}

/** Turns whatever was thrown into problem+json; only HttpProblems and body-parser errors explain themselves. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let problem: HttpProblem;
    if (error instanceof HttpProblem) {
      problem = error;
    } else if (isClientError(error)) {
      problem = new HttpProblem(error.status!, titles[error.status!], clientErrorDetail(error));
    } else {
      logger.error({ err: error, requestId: req.id }, 'unhandled error');
      problem = new HttpProblem(500, titles[500], 'Something went wrong on our side. Please try again.');
    }
    sendProblem(res, problem, req.originalUrl);
  };
}

/**
 * A 4xx raised by Express itself: body-parser marks what it may tell (`expose`), the router throws a URIError with
 * status 400 for a path that is not valid percent-encoding (e.g. `%c0%ae`).
 */
function isClientError(error: unknown): error is BodyParserError {
  const status = (error as BodyParserError | null)?.status;
  return (
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    ((error as BodyParserError).expose === true || error instanceof URIError)
  );
}

function clientErrorDetail(error: BodyParserError): string {
  switch (error.type) {
    case 'entity.parse.failed':
      return 'The request body is not valid JSON.';
    case 'entity.too.large':
      return 'The request body is too large.';
    default:
      return error instanceof URIError
        ? 'The request path is not valid percent-encoding.'
        : (error.message ?? 'The request could not be read.');
  }
}
