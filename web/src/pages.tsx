import { matchPath } from 'react-router-dom';
import { lazyPage, type LazyPage } from './lazyPage';

// Each page area is its own chunk: the login page and the shell load first, a page's tables when it is opened.
const employerList = lazyPage(() => import('./employers/EmployerListPage').then((m) => m.EmployerListPage));
const employer = lazyPage(() => import('./employers/EmployerPage').then((m) => m.EmployerPage));
const arrears = lazyPage(() => import('./arrears/ArrearsPage').then((m) => m.ArrearsPage));
const imports = lazyPage(() => import('./imports/ImportPage').then((m) => m.ImportPage));
const worklist = lazyPage(() => import('./worklist/WorklistPage').then((m) => m.WorklistPage));
const campaignList = lazyPage(() => import('./campaigns/CampaignListPage').then((m) => m.CampaignListPage));
const campaign = lazyPage(() => import('./campaigns/CampaignPage').then((m) => m.CampaignPage));
const report = lazyPage(() => import('./campaigns/ReportPage').then((m) => m.ReportPage));
const board = lazyPage(() => import('./campaigns/BoardPage').then((m) => m.BoardPage));
const overview = lazyPage(() => import('./oversight/OverviewPage').then((m) => m.OverviewPage));
const emulation = lazyPage(() => import('./oversight/EmulationPage').then((m) => m.EmulationPage));
const inspection = lazyPage(() => import('./oversight/InspectionPage').then((m) => m.InspectionPage));
const disclosure = lazyPage(() => import('./disclosure/DisclosurePage').then((m) => m.DisclosurePage));
const feedbackList = lazyPage(() => import('./feedback/FeedbackListPage').then((m) => m.FeedbackListPage));
const feedbackThread = lazyPage(() => import('./feedback/FeedbackThreadPage').then((m) => m.FeedbackThreadPage));
const users = lazyPage(() => import('./users/UsersPage').then((m) => m.UsersPage));
const officeDocuments = lazyPage(() => import('./documents/OfficeDocumentsPage').then((m) => m.OfficeDocumentsPage));
const account = lazyPage(() => import('./auth/AccountPage').then((m) => m.AccountPage));
const publicHome = lazyPage(() => import('./public/PublicHomePage').then((m) => m.PublicHomePage));
const publicList = lazyPage(() => import('./public/PublicListPage').then((m) => m.PublicListPage));

/** The signed-in pages, under the app layout, by their route. */
export const APP_PAGES: readonly { path: string; page: LazyPage }[] = [
  { path: '/worklist', page: worklist },
  { path: '/employers', page: employerList },
  { path: '/employers/:id', page: employer },
  { path: '/arrears', page: arrears },
  { path: '/imports', page: imports },
  { path: '/campaigns', page: campaignList },
  { path: '/campaigns/:id', page: campaign },
  { path: '/campaigns/:id/reports/:officeId/:day', page: report },
  { path: '/campaigns/:id/board', page: board },
  { path: '/oversight', page: overview },
  { path: '/oversight/emulation', page: emulation },
  { path: '/oversight/inspection', page: inspection },
  { path: '/disclosure', page: disclosure },
  { path: '/feedback', page: feedbackList },
  { path: '/feedback/:id', page: feedbackThread },
  { path: '/users', page: users },
  { path: '/offices/documents', page: officeDocuments },
  { path: '/account', page: account },
];

/** The public pages, under the public layout, by their route. */
export const PUBLIC_PAGES: readonly { path: string; page: LazyPage }[] = [
  { path: '/public', page: publicHome },
  { path: '/public/lists/:id', page: publicList },
];

/** The page shown at `pathname`, or none (the login page, an address the app sends elsewhere). */
export function pageAt(pathname: string): LazyPage | undefined {
  return [...PUBLIC_PAGES, ...APP_PAGES].find((p) => matchPath(p.path, pathname))?.page;
}

/**
 * Starts fetching the chunk of the page at `pathname`, so that it arrives while the shell starts and checks the
 * session, rather than after: a page's chunk is otherwise asked for only once the login check has answered.
 */
export function preloadPageAt(pathname: string): void {
  // A failed fetch is left to the page's render, which asks again and shows the failure.
  pageAt(pathname)
    ?.preload()
    .catch(() => undefined);
}
