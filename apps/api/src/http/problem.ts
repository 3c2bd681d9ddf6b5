/** An RFC 9457 problem: what went wrong, for a person and for a program. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The rule that refused (`ACTION.NOT_OWNER`) or the kind of failure (`REQUEST.INVALID`). */
  code: string;
  /** For a request that failed validation: each field and what is wrong with it (and, for a rule refusing one item of a list, the rule's code). */
  errors?: Array<{ field: string; problem: string; code?: string }>;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, code: string, detail: string, errors?: Problem['errors']): Problem {
  return {
    type: `https://actionplans.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

/** An error that already knows which problem it is. */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}
