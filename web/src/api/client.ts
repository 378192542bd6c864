import type { EmployerActions, NewAction, RecordedActions } from '../../../src/features/actions/schemas';
import type {
  DocumentFormats,
  EvidenceFile,
  OfficeDocuments,
  OfficeSigner,
} from '../../../src/features/documents/schemas';
import type { Ladder } from '../../../src/features/ladder/schemas';
import type { NewPromise, PaymentPromises } from '../../../src/features/promises/schemas';
import type {
  ArrearsPosition,
  ArrearsSummary,
  LateExportQuery,
  LatePage,
  LateQuery,
} from '../../../src/features/arrears/schemas';
import type { OpenSessions, Session } from '../../../src/features/auth/schemas';
import type {
  Board,
  Breakdown,
  Campaign,
  CampaignList,
  NewCampaign,
  ProvinceReport,
  ReportNotes,
  Submitted,
} from '../../../src/features/campaigns/schemas';
import type {
  AssembledList,
  AwardCheck,
  AwardChecks,
  DisclosureKind,
  DisclosureLists,
  EntryPage,
  EntryQuery,
  PublicListPage,
  PublicLists,
} from '../../../src/features/disclosure/schemas';
import type { TableExport } from '../../../src/features/exports/schemas';
import type {
  EmployerDetail,
  EmployerExportQuery,
  EmployerPage,
  EmployerQuery,
  Ledger,
} from '../../../src/features/employers/schemas';
import type { FeedbackList, FeedbackThread, NewFeedback } from '../../../src/features/feedback/schemas';
import type { ImportKind, ImportResult } from '../../../src/features/imports/schemas';
import type { Notices } from '../../../src/features/notices/schemas';
import type { Progress } from '../../../src/features/progress/schemas';
import type { Offices } from '../../../src/features/offices/schemas';
import type {
  EmulationRows,
  CandidatesExportQuery,
  CandidatesQuery,
  InspectionCandidates,
  InspectionCoverages,
  LateBreakdown,
  Trend,
  TrendQuery,
} from '../../../src/features/oversight/schemas';
import type { SystemInfo } from '../../../src/features/system/schemas';
import type {
  CreatedUser,
  NewUser,
  OneTimePassword,
  UserChanges,
  UserImportResult,
  UserList,
} from '../../../src/features/users/schemas';
import type {
  BulkAssigned,
  BulkAssignment,
  Worklist,
  WorklistExportQuery,
  WorklistQuery,
} from '../../../src/features/worklists/schemas';
import type { Indicator } from '../../../src/domain/report-figures';
import type { Created } from '../../../src/http/schemas';

export type { EmployerQuery, EntryQuery, LateQuery, WorklistQuery };

/** A day's report of a province in a campaign, as the report URLs name it. */
export interface ReportRef {
  campaignId: number;
  officeId: number;
  day: string;
}

/** How far the server's clock is ahead of this PC's, from the last answer's x-server-time. */
let clockSkewMs = 0;

function noteServerTime(response: Response): void {
  const sent = Date.parse(response.headers.get('x-server-time') ?? '');
  if (!Number.isNaN(sent)) clockSkewMs = sent - Date.now();
}

/** Now by the server's clock (deadlines and "today" are the server's, whatever this PC's clock says). */
export function serverNow(): number {
  return Date.now() + clockSkewMs;
}

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
/** The UI's language, sent as Accept-Language so that the server writes its messages in it. */
let language = 'vi';

export function setRequestLanguage(next: 'vi' | 'en'): void {
  language = next;
}
let onUnauthenticated: () => void = () => {};

/** Where to go when the session has ended (set by the auth provider). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Sends a request and answers the response when it succeeded; a failure becomes an ApiError. */
async function send(method: string, url: string, body?: BodyInit, contentType?: string): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': language };
  if (contentType) headers['content-type'] = contentType;
  // Every state-changing method carries the token; the cookie alone would let another site post on our behalf.
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError(0, 'network', 'Mất kết nối tới máy chủ');
  }
  noteServerTime(response);
  if (response.ok) return response;
  if (response.status === 401 && !url.endsWith('/login')) {
    csrfToken = null;
    onUnauthenticated();
  }
  // A proxy in front of the server can answer with HTML; treat that like no answer.
  const data = await response.json().catch(() => null);
  if (!data || typeof data.code !== 'string') {
    throw new ApiError(response.status, 'unavailable', 'Máy chủ tạm thời không phản hồi, vui lòng thử lại');
  }
  throw new ApiError(response.status, data.code, data.message ?? response.statusText, data);
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await (body === undefined
    ? send(method, url)
    : send(method, url, JSON.stringify(body), 'application/json'));
  if (response.status === 204) return undefined as T;
  return (await response.json().catch(() => null)) as T;
}

/** The file name a download is saved under: the server's Vietnamese name (RFC 6266 filename*), else its ASCII one. */
function fileNameOf(disposition: string | null): string | null {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed encoding: the plain name below is still there.
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? null;
}

/** Saves a file made or fetched in the browser, as a download. */
export function saveFile(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a download the browser has not started reading yet.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** The body of a response, read chunk by chunk so that a long download can show how far it has come. */
async function readWithProgress(response: Response, onProgress: (received: number, total: number) => void) {
  const total = Number(response.headers.get('content-length')) || 0;
  const type = response.headers.get('content-type') ?? '';
  const reader = response.body?.getReader();
  if (!reader) return response.blob();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  return new Blob(chunks, { type });
}

/** Fetches a file with the session and saves it in the browser under the server's file name. */
async function download(url: string): Promise<void> {
  const response = await send('GET', url);
  saveFile(await response.blob(), fileNameOf(response.headers.get('content-disposition')) ?? '');
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

const reportPath = (r: ReportRef) => `/api/campaigns/${r.campaignId}/reports/${r.officeId}/${r.day}`;

export const api = {
  system: () => request<SystemInfo>('GET', '/api/system'),
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
  offices: () => request<Offices>('GET', '/api/offices'),
  employers: (q: EmployerQuery) => request<EmployerPage>('GET', `/api/employers?${query({ ...q })}`),
  downloadEmployers: (q: EmployerExportQuery) => download(`/api/employers/export?${query({ ...q })}`),
  employer: (id: number) => request<EmployerDetail>('GET', `/api/employers/${id}`),
  ledger: (id: number) => request<Ledger>('GET', `/api/employers/${id}/ledger`),
  arrears: (id: number, asOf?: string) =>
    request<ArrearsPosition>('GET', `/api/employers/${id}/arrears?${query({ asOf })}`),
  late: (q: LateQuery) => request<LatePage>('GET', `/api/arrears/late?${query({ ...q })}`),
  downloadLate: (q: LateExportQuery) => download(`/api/arrears/late/export?${query({ ...q })}`),
  summary: (officeId?: number) => request<ArrearsSummary>('GET', `/api/arrears/summary?${query({ officeId })}`),
  users: () => request<UserList>('GET', '/api/users'),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<Session>('POST', '/api/auth/password', { currentPassword, newPassword }),
  mySessions: () => request<OpenSessions>('GET', '/api/auth/sessions'),
  endMySession: (id: number) => request<void>('POST', `/api/auth/sessions/${id}/end`),
  createUser: (body: NewUser) => request<CreatedUser>('POST', '/api/users', body),
  updateUser: (id: number, body: UserChanges) => request<void>('PATCH', `/api/users/${id}`, body),
  setUserActive: (id: number, active: boolean) =>
    request<void>('POST', `/api/users/${id}/${active ? 'enable' : 'disable'}`),
  resetPassword: (id: number) => request<OneTimePassword>('POST', `/api/users/${id}/reset-password`),
  endUserSessions: (id: number) => request<void>('POST', `/api/users/${id}/sessions/end`),
  /** A CSV or .xlsx of accounts; a 422 carries the errors by row and column. */
  importUsers: async (file: File) => {
    const url = `/api/users/import?${query({ fileName: file.name })}`;
    const response = await send('POST', url, file, file.type || 'application/octet-stream');
    return (await response.json()) as UserImportResult;
  },
  worklist: (q: WorklistQuery) => request<Worklist>('GET', `/api/worklist?${query({ ...q })}`),
  /** Every row the worklist's filters keep, in its order, as .xlsx. */
  downloadWorklist: (q: WorklistExportQuery) => download(`/api/worklist/export?${query({ ...q })}`),
  /**
   * Issued documents as one zip, saved as it arrives; `onProgress` hears the bytes received and the size, and the
   * server's progress while it makes the zip can be followed with `progress` (see followProgress).
   */
  downloadDocumentsZip: async (
    ids: number[],
    onProgress: (received: number, total: number) => void,
    progress?: string,
  ) => {
    const url = `/api/documents/zip?${query({ progress })}`;
    const response = await send('POST', url, JSON.stringify({ ids }), 'application/json');
    saveFile(
      await readWithProgress(response, onProgress),
      fileNameOf(response.headers.get('content-disposition')) ?? '',
    );
  },
  bulkAssign: (body: BulkAssignment) => request<BulkAssigned>('POST', '/api/assignments/bulk', body),
  recordAction: (body: NewAction) => request<RecordedActions>('POST', '/api/actions', body),
  cancelAction: (id: number, reason: string) => request<void>('POST', `/api/actions/${id}/cancel`, { reason }),
  actions: (employerId: number) => request<EmployerActions>('GET', `/api/employers/${employerId}/actions`),
  ladder: (employerId: number) => request<Ladder>('GET', `/api/employers/${employerId}/ladder`),
  promises: (employerId: number) => request<PaymentPromises>('GET', `/api/employers/${employerId}/promises`),
  createPromise: (employerId: number, body: NewPromise) =>
    request<Created>('POST', `/api/employers/${employerId}/promises`, body),
  cancelPromise: (id: number, reason: string) => request<void>('POST', `/api/promises/${id}/cancel`, { reason }),
  evidenceFile: (employerId: number) => request<EvidenceFile>('POST', `/api/employers/${employerId}/evidence-file`),
  /** Uploads a file as the raw body, its own content type kept for whoever downloads it. */
  uploadAttachment: async (actionId: number, file: File) => {
    const url = `/api/actions/${actionId}/attachments?${query({ fileName: file.name })}`;
    const response = await send('POST', url, file, file.type || 'application/octet-stream');
    return (await response.json()) as Created;
  },
  /** The .xlsx template of an import file, headed in the UI's language, with an example row. */
  downloadImportTemplate: (kind: ImportKind) => download(`/api/imports/${kind}/template`),
  /** The table on screen as an .xlsx in the app's workbook form (number and date formats, frozen heads). */
  exportXlsx: async (table: TableExport) => {
    const response = await send('POST', '/api/exports/xlsx', JSON.stringify(table), 'application/json');
    saveFile(await response.blob(), fileNameOf(response.headers.get('content-disposition')) ?? table.fileName);
  },
  /** Whether the server can make PDFs (LibreOffice installed): the PDF buttons show only then. */
  documentFormats: () => request<DocumentFormats>('GET', '/api/documents/formats'),
  officeDocuments: (officeId: number) => request<OfficeDocuments>('GET', `/api/offices/${officeId}/documents`),
  setOfficeSigner: (officeId: number, body: OfficeSigner) =>
    request<void>('PUT', `/api/offices/${officeId}/signer`, body),
  setRegister: (officeId: number, year: number, lastNumber: number) =>
    request<void>('PUT', `/api/offices/${officeId}/registers/${year}`, { lastNumber }),
  /** An issued document, as the stored .docx or converted to PDF (a 400 pdf_unavailable without LibreOffice). */
  downloadDocument: (id: number, format: 'docx' | 'pdf' = 'docx') =>
    download(`/api/documents/${id}${format === 'pdf' ? '?format=pdf' : ''}`),
  downloadAttachment: (id: number) => download(`/api/attachments/${id}`),
  /** Thông báo kết quả đóng (C12-TS) of one month, as .xlsx or .docx. */
  downloadC12: (employerId: number, month: string, format: 'xlsx' | 'docx') =>
    download(`/api/employers/${employerId}/c12-ts?${query({ month, format })}`),
  /** One part (500 employers by code) of an office's C12-TS notices as a zip; answers how many parts there are. */
  downloadOfficeC12: async (
    officeId: number,
    month: string,
    format: 'xlsx' | 'docx',
    part: number,
    progress?: string,
  ) => {
    const response = await send('GET', `/api/offices/${officeId}/c12-ts?${query({ month, format, part, progress })}`);
    saveFile(await response.blob(), fileNameOf(response.headers.get('content-disposition')) ?? '');
    return Number(response.headers.get('x-notice-parts') ?? 1);
  },
  campaigns: () => request<CampaignList>('GET', '/api/campaigns'),
  createCampaign: (body: NewCampaign) => request<Created>('POST', '/api/campaigns', body),
  campaign: (id: number) => request<Campaign>('GET', `/api/campaigns/${id}`),
  report: (ref: ReportRef) => request<ProvinceReport>('GET', reportPath(ref)),
  submitReport: (ref: ReportRef, notes: ReportNotes) =>
    request<Submitted>('POST', `${reportPath(ref)}/submit`, { notes }),
  amendReport: (ref: ReportRef, notes: ReportNotes, reason: string) =>
    request<Submitted>('POST', `${reportPath(ref)}/amend`, { notes, reason }),
  breakdown: (ref: ReportRef, indicator: Indicator) =>
    request<Breakdown>('GET', `${reportPath(ref)}/breakdown?${query({ indicator })}`),
  downloadReport: (ref: ReportRef) => download(`${reportPath(ref)}/export`),
  board: (campaignId: number, day: string) =>
    request<Board>('GET', `/api/campaigns/${campaignId}/board?${query({ day })}`),
  downloadBoard: (campaignId: number, day: string) =>
    download(`/api/campaigns/${campaignId}/board/export?${query({ day })}`),
  notices: () => request<Notices>('GET', '/api/notices'),
  readNotice: (id: number) => request<void>('POST', `/api/notices/${id}/read`),
  trend: (q: TrendQuery) => request<Trend>('GET', `/api/oversight/trend?${query({ ...q })}`),
  lateBreakdown: (officeId?: number) =>
    request<LateBreakdown>('GET', `/api/oversight/breakdown?${query({ officeId })}`),
  inspection: (year: number) => request<InspectionCoverages>('GET', `/api/oversight/inspection?${query({ year })}`),
  inspectionCandidates: (q: CandidatesQuery) =>
    request<InspectionCandidates>('GET', `/api/oversight/inspection/candidates?${query({ ...q })}`),
  downloadInspectionCandidates: (q: CandidatesExportQuery) =>
    download(`/api/oversight/inspection/candidates/export?${query({ ...q })}`),
  emulation: (year: number) => request<EmulationRows>('GET', `/api/oversight/emulation?${query({ year })}`),
  /** Issues the report to the province's People's Committee: each one takes the next number of its register. */
  downloadPeopleCommitteeReport: async (provinceId: number) => {
    const body = JSON.stringify({ provinceId });
    const response = await send('POST', '/api/oversight/people-committee-report', body, 'application/json');
    saveFile(await response.blob(), fileNameOf(response.headers.get('content-disposition')) ?? '');
  },
  disclosureLists: () => request<DisclosureLists>('GET', '/api/disclosure/lists'),
  assembleList: (kind: DisclosureKind, officeId: number) =>
    request<AssembledList>('POST', '/api/disclosure/lists', { kind, officeId }),
  listEntries: (id: number, q: EntryQuery) =>
    request<EntryPage>('GET', `/api/disclosure/lists/${id}/entries?${query({ ...q })}`),
  approveList: (id: number) => request<void>('POST', `/api/disclosure/lists/${id}/approve`),
  withdrawList: (id: number, reason: string) =>
    request<void>('POST', `/api/disclosure/lists/${id}/withdraw`, { reason }),
  publicLists: () => request<PublicLists>('GET', '/api/public/lists'),
  publicList: (id: number, q: EntryQuery) =>
    request<PublicListPage>('GET', `/api/public/lists/${id}?${query({ ...q })}`),
  downloadPublicList: (id: number) => download(`/api/public/lists/${id}/export`),
  awardCheck: (taxCode: string) => request<AwardCheck>('GET', `/api/public/award-check?${query({ taxCode })}`),
  /** A file of tax codes, one a line, sent as it is; a bad line answers 400 invalid_tax_code with its line. */
  awardCheckFile: async (file: File) =>
    (await (await send('POST', '/api/public/award-check', file, 'text/csv')).json()) as AwardChecks,
  /** How far one of the user's long pieces of work is; 404 before it starts and after it ends. */
  progress: (id: string) => request<Progress>('GET', `/api/progress/${id}`),
  feedback: () => request<FeedbackList>('GET', '/api/feedback'),
  createFeedback: (body: NewFeedback) => request<Created>('POST', '/api/feedback', body),
  feedbackThread: (id: number) => request<FeedbackThread>('GET', `/api/feedback/${id}`),
  replyFeedback: (id: number, body: string) => request<Created>('POST', `/api/feedback/${id}/messages`, { body }),
  closeFeedback: (id: number) => request<void>('POST', `/api/feedback/${id}/close`),
};

/** A new name for a piece of long work, to follow its progress: 32 random hexadecimal digits. */
export function newProgressId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** How often the server is asked how far a piece of work is. */
const PROGRESS_EVERY_MS = 500;

/**
 * Asks the server how far the work `id` is, every PROGRESS_EVERY_MS until the returned stop is called, and hands each
 * answer to `onProgress`. No answer yet (the work has not reported, or has ended) and failed questions are let pass:
 * the work's own request tells how it ended.
 */
export function followProgress(id: string, onProgress: (progress: Progress) => void): () => void {
  let stopped = false;
  void (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, PROGRESS_EVERY_MS));
      if (stopped) break;
      try {
        const progress = await api.progress(id);
        if (!stopped) onProgress(progress);
      } catch {
        // Asked again at the next turn.
      }
    }
  })();
  return () => {
    stopped = true;
  };
}

/**
 * Uploads an import file as the raw body, reporting upload progress (fetch cannot), and resolves with the result; a
 * refused file rejects with an ApiError whose body lists the errors by line and column. With `dryRun` the server only
 * checks it and tells what importing it would change; with `progress` the import's own progress can be followed
 * (followProgress) once the file is up.
 */
export function uploadImport(
  kind: ImportKind,
  file: File,
  onProgress: (percent: number) => void,
  dryRun = false,
  progress?: string,
): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(
      'POST',
      `/api/imports/${kind}?${query({ fileName: file.name, ...(dryRun && { dryRun: 'true' }), progress })}`,
    );
    xhr.setRequestHeader('accept-language', language);
    const workbook = file.name.toLowerCase().endsWith('.xlsx');
    xhr.setRequestHeader(
      'content-type',
      workbook ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
    );
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
