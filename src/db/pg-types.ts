/**
 * How values of a few types come back from the database, the same for PostgreSQL (node-postgres) and PGlite: types
 * returned as strings by default that we want as numbers. bigint (int8) holds whole VND; every amount in a national
 * deployment stays far below 2^53, and numeric is what sum(bigint) returns.
 */
export const INT8 = 20;
export const NUMERIC = 1700;
export const DATE = 1082;

export const parseWholeNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`Database value ${value} is not a safe whole number`);
  return n;
};

// numeric also carries ratios computed in SQL; those keep their decimals, whole amounts become numbers.
export function parseWholeNumberOrDecimal(value: string): number {
  return value.includes('.') ? Number(value) : parseWholeNumber(value);
}

// A calendar date stays 'YYYY-MM-DD': turning it into a JS Date would shift it by the server's time zone.
export const keepDateText = (value: string): string => value;

export const PGLITE_PARSERS = { [INT8]: parseWholeNumber, [NUMERIC]: parseWholeNumberOrDecimal, [DATE]: keepDateText };
