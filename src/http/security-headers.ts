import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The Content-Security-Policy of every answer: the web app, the API docs and the API itself load scripts, styles,
 * images and data only from this server, and no page may be framed.
 *
 * Scripts: only files served from here, never inline, never eval — the built app (dist/web) and Swagger UI (/docs)
 * both load theirs as files, so an injected <script> or event attribute cannot run.
 *
 * Styles need 'unsafe-inline': Ant Design's component styles are a stylesheet file, but it writes the theme's tokens
 * (CSS variables) into a <style> element at run time, with no nonce the static index.html could carry; React
 * components set style attributes, and index.html has one small inline <style> for print. A style cannot run code;
 * the policy still stops loading styles, fonts or images from elsewhere.
 *
 * Images: data: URIs for Ant Design's and Swagger UI's inline icons, blob: for files the app builds in the page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Two years, subdomains included: what browsers' preload lists expect of a site served only over TLS. */
const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

/**
 * Set on every answer (onSend: the API, the static web app, /docs, 404s and errors alike). HSTS only when the request
 * came over TLS, as told by the TLS socket or a trusted proxy's X-Forwarded-Proto: over plain HTTP (a test machine, a
 * health check on 127.0.0.1) the header would be meaningless or would lock a browser out of a host with no TLS.
 */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  // Addresses of pages (an employer's id, a search) never leave for other sites. Not no-referrer: with it browsers
  // send `Origin: null` on the app's own POSTs, which an Origin check would refuse.
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  if (request.protocol === 'https') reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
}
