/**
 * A `Content-Disposition: attachment` header a browser saves under the Vietnamese file name (RFC 6266): an ASCII
 * fallback with the diacritics dropped and every character that could end or escape the quoted string (`"`, `\`,
 * controls) replaced, then the exact name percent-encoded as RFC 5987 requires (encodeURIComponent leaves
 * `'()*!` as they are, which that grammar does not allow).
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
