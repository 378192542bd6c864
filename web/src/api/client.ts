import type {
  ArrearsPosition,
  ArrearsSummary,
  EmployerDetail,
  EmployerSummary,
  ImportKind,
  ImportResult,
  LatePage,
  Ledger,
  Office,
  Page,
  Session,
} from './types';

/** An error answer of the API: a stable code and a message for the officer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};

/** Where to go when the session has ended (set by the auth provider). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  // Every state-changing method carries the token; the cookie alone would let another site post on our behalf.
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Mất kết nối tới máy chủ');
  }
  if (response.status === 204) return undefined as T;
  // A proxy in front of the server can answer with HTML; treat that like no answer.
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && !url.endsWith('/login')) {
      csrfToken = null;
      onUnauthenticated();
    }
    if (!data || typeof data.code !== 'string') {
      throw new ApiError(response.status, 'unavailable', 'Máy chủ tạm thời không phản hồi, vui lòng thử lại');
    }
    throw new ApiError(response.status, data.code, data.message ?? response.statusText, data);
  }
  return data as T;
}

function remember(session: Session): Session {
  csrfToken = session.csrfToken;
  return session;
}

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  return search.toString();
};

export interface EmployerQuery {
  q?: string;
  officeId?: number;
  status?: string;
  ownership?: string;
  page: number;
  pageSize: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export const api = {
  login: async (username: string, password: string) =>
    remember(await request<Session>('POST', '/api/auth/login', { username, password })),
  me: async () => remember(await request<Session>('GET', '/api/auth/me')),
  logout: async () => {
    try {
      await request<void>('POST', '/api/auth/logout');
    } finally {
      csrfToken = null;
    }
  },
  offices: () => request<{ items: Office[] }>('GET', '/api/offices'),
  employers: (q: EmployerQuery) => request<Page<EmployerSummary>>('GET', `/api/employers?${query({ ...q })}`),
  employer: (id: number) => request<EmployerDetail>('GET', `/api/employers/${id}`),
  ledger: (id: number) => request<Ledger>('GET', `/api/employers/${id}/ledger`),
  arrears: (id: number, asOf?: string) =>
    request<ArrearsPosition>('GET', `/api/employers/${id}/arrears?${query({ asOf })}`),
  late: (q: LateQuery) => request<LatePage>('GET', `/api/arrears/late?${query({ ...q })}`),
  summary: (officeId?: number) => request<ArrearsSummary>('GET', `/api/arrears/summary?${query({ officeId })}`),
};

export interface LateQuery {
  officeId?: number;
  band?: string;
  minAmount?: number;
  maxAmount?: number;
  ownership?: string;
  status?: string;
  page: number;
  pageSize: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

/**
 * Uploads a CSV file for import, reporting upload progress (fetch cannot), and resolves with the result; a refused
 * file rejects with an ApiError whose body lists the errors by line and column.
 */
export function uploadImport(kind: ImportKind, file: File, onProgress: (percent: number) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports/${kind}?${query({ fileName: file.name })}`);
    const workbook = file.name.toLowerCase().endsWith('.xlsx');
    xhr.setRequestHeader('content-type', workbook ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Mất kết nối tới máy chủ'));
    xhr.onload = () => {
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): reported below like no answer.
      }
      if (xhr.status === 200 && body) resolve(body as unknown as ImportResult);
      else {
        if (xhr.status === 401) {
          csrfToken = null;
          onUnauthenticated();
        }
        reject(
          body && typeof body.code === 'string'
            ? new ApiError(xhr.status, body.code, String(body.message ?? xhr.statusText), body)
            : new ApiError(xhr.status, 'unavailable', 'Máy chủ tạm thời không phản hồi, vui lòng thử lại'),
        );
      }
    };
    xhr.send(file);
  });
}
