// The one way the app talks to the server: JSON over fetch with the sign-in cookie,
// the antiforgery token on state-changing requests, and ProblemDetails turned into ApiError.

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  /** Validation problems, keyed by field path (ASP.NET Core's ValidationProblemDetails). */
  errors?: Record<string, string[]> | ProblemItem[];
  [extension: string]: unknown;
}

/** One problem the server names: field, activity, property, line — whatever applies. */
export interface ProblemItem {
  activityId?: string;
  field?: string;
  property?: string;
  path?: string;
  line?: number;
  column?: number;
  message: string;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

let antiforgeryToken: string | null = null;

/** The token for the signed-in user; null before sign-in (anonymous requests such as the login need none). */
async function antiforgery(): Promise<string | null> {
  if (antiforgeryToken) return antiforgeryToken;
  const response = await fetch('/api/auth/antiforgery', { credentials: 'same-origin' });
  if (response.status === 401) return null;
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  const body = (await response.json()) as { token: string };
  antiforgeryToken = body.token;
  return antiforgeryToken;
}

/** The antiforgery token belongs to the signed-in user: forget it when the user changes. */
export function resetSession(): void {
  antiforgeryToken = null;
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as ProblemDetails) : { status: response.status, title: response.statusText };
  } catch {
    return { status: response.status, title: response.statusText, detail: text.slice(0, 500) };
  }
}

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send<T>(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = await antiforgery();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    signal: options.signal,
    body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
  });
  if (!response.ok) {
    // A rotated antiforgery token (e.g. after sign-in) is fetched again once.
    if (response.status === 400 && method !== 'GET' && antiforgeryToken) {
      const problem = await readProblem(response);
      if (problem.title?.startsWith('Antiforgery')) {
        antiforgeryToken = null;
        return send<T>(method, url, body, options);
      }
      throw new ApiError(response.status, problem);
    }
    throw new ApiError(response.status, await readProblem(response));
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** One page of a list; a large list's total is counted only up to a cap (then `totalIsLowerBound`). */
export interface Page<T> {
  items: T[];
  pageNumber: number;
  pageSize: number;
  total: number;
  totalIsLowerBound?: boolean;
}

export const api = {
  get: <T>(url: string, options?: RequestOptions) => send<T>('GET', url, undefined, options),
  post: <T>(url: string, body?: unknown, options?: RequestOptions) => send<T>('POST', url, body ?? {}, options),
  put: <T>(url: string, body?: unknown, options?: RequestOptions) => send<T>('PUT', url, body ?? {}, options),
  patch: <T>(url: string, body?: unknown, options?: RequestOptions) => send<T>('PATCH', url, body ?? {}, options),
  delete: <T>(url: string, options?: RequestOptions) => send<T>('DELETE', url, undefined, options),
};

/** Builds a query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
