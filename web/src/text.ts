/**
 * Folds Vietnamese text for matching, as the server does for its search: lower case, no diacritics, đ → d.
 * Officers often type without diacritics: "ha noi" must find "Hà Nội".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
