// The server's folding (src/domain/text.ts), so that what the office filter matches is what the search matches.
export { foldForSearch } from '../../src/domain/text';
