/** A text for SQL LIKE that matches only itself: its %, _ and \ escaped (LIKE's default escape is \). */
export const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
