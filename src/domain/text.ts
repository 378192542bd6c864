/**
 * Folds Vietnamese text for matching: lower case, no diacritics, đ → d, spaces collapsed.
 * "Công ty TNHH Nguyễn Đức" and "cong ty tnhh nguyen duc" fold to the same string.
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
